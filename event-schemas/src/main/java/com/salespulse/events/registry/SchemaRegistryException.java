package com.salespulse.events.registry;

/**
 * The schema registry refused a request or could not be reached.
 *
 * <p>When the registry answered, the HTTP status and the registry's own {@code error_code} are
 * kept, because callers must tell a permanent refusal from a transient failure: a record that
 * names a schema id the registry does not know is a bad record for the dead-letter topic, while an
 * unreachable registry must stop and retry rather than dead-letter good records.
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Confluent's error code for "schema not found" (a GET by id of an unknown id). */
    public static final int SCHEMA_NOT_FOUND = 40403;

    /** No HTTP status: the registry could not be reached or the failure was local. */
    public static final int NO_STATUS = -1;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(final String message) {
        this(message, NO_STATUS, NO_STATUS);
    }

    public SchemaRegistryException(final String message, final Throwable cause) {
        super(message, cause);
        this.httpStatus = NO_STATUS;
        this.errorCode = NO_STATUS;
    }

    /**
     * A refusal the registry answered with.
     *
     * @param httpStatus the HTTP status of the answer
     * @param errorCode  the registry's {@code error_code}, or {@link #NO_STATUS} when its body had none
     */
    public SchemaRegistryException(final String message, final int httpStatus, final int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The HTTP status the registry answered with, or {@link #NO_STATUS}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code} (e.g. 409, 40403, 42201), or {@link #NO_STATUS}. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the registry said the schema (id) does not exist: permanent, not worth a retry. */
    public boolean isSchemaNotFound() {
        return errorCode == SCHEMA_NOT_FOUND || (httpStatus == 404 && errorCode == NO_STATUS);
    }
}
