package com.salespulse.stack;

/**
 * A refusal of the schema registry in Confluent's terms: an HTTP status and a Confluent
 * {@code error_code}, answered as {@code {"error_code": n, "message": "..."}}.
 */
final class RegistryError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    RegistryError(final int httpStatus, final int errorCode, final String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    RegistryError(final int httpStatus, final int errorCode, final String message, final Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    int httpStatus() {
        return httpStatus;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryError subjectNotFound(final String subject) {
        return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(final String subject, final int version) {
        return new RegistryError(404, 40402, "Version " + version + " not found under subject '" + subject + "'.");
    }

    static RegistryError schemaNotFound(final String what) {
        return new RegistryError(404, 40403, what);
    }

    static RegistryError invalidSchema(final String message) {
        return new RegistryError(422, 42201, message);
    }

    static RegistryError invalidVersion(final String version) {
        return new RegistryError(422, 42202, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryError incompatible(final String subject, final String details) {
        return new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                + subject + "\", details: " + details);
    }

    static RegistryError storeError(final String message, final Throwable cause) {
        return new RegistryError(500, 50001, message, cause);
    }

    static RegistryError badRequest(final String message) {
        return new RegistryError(400, 400, message);
    }

    static RegistryError notFound() {
        return new RegistryError(404, 404, "HTTP 404 Not Found");
    }

    static RegistryError methodNotAllowed() {
        return new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
    }
}
