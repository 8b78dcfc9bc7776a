package com.salespulse.producers.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Who may call the ingestion endpoints.
 *
 * @param token          the bearer token {@code POST /ingest/events} requires; empty for none. The
 *                       web-form endpoint never asks for one: browsers post to it.
 * @param allowedOrigins origins whose pages may post forms from the browser (CORS), e.g.
 *                       {@code https://www.example.com}; {@code *} for any; empty for no CORS headers
 */
public record IngestSettings(String token, List<String> allowedOrigins) {
    /** The bearer token of the CRM webhook (env {@code SALESPULSE_INGEST_TOKEN}); a secret, never logged. */
    public static final String TOKEN = "salespulse.ingest.token";
    /** Comma-separated origins allowed to post forms from a browser (env {@code SALESPULSE_INGEST_FORMS_ALLOWED_ORIGINS}). */
    public static final String ALLOWED_ORIGINS = "salespulse.ingest.forms.allowed.origins";
    /** The allowed-origins entry that lets every origin post forms. */
    static final String ANY_ORIGIN = "*";

    public IngestSettings {
        token = token == null ? "" : token.trim();
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream()
                .map(IngestSettings::normalisedOrigin).filter(origin -> !origin.isEmpty()).toList();
    }

    /** No token, no CORS. */
    public static IngestSettings defaults() {
        return new IngestSettings("", List.of());
    }

    /**
     * The settings under {@link #TOKEN} and {@link #ALLOWED_ORIGINS} of a configuration, which answers
     * null for a key it does not hold (e.g. {@code SalesPulseConfig::get}).
     */
    public static IngestSettings from(final Function<String, String> config) {
        final String origins = config.apply(ALLOWED_ORIGINS);
        return new IngestSettings(config.apply(TOKEN),
                origins == null ? List.of() : Arrays.asList(origins.split(",")));
    }

    public boolean requiresToken() {
        return !token.isEmpty();
    }

    /** Origins are compared as browsers send them: scheme, host and port, lower case, no path or trailing slash. */
    static String normalisedOrigin(final String origin) {
        String trimmed = origin == null ? "" : origin.trim().toLowerCase(Locale.ROOT);
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    @Override
    public String toString() {
        // The token is a secret: a record's generated toString would print it.
        return "IngestSettings[token=" + (requiresToken() ? "(set)" : "(none)") + ", allowedOrigins=" + allowedOrigins + "]";
    }
}
