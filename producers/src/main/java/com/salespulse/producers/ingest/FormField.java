package com.salespulse.producers.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields a web form may send, each under its name and an alias (forms name fields in
 * snake_case, JavaScript clients in camelCase), with the most characters it may hold. Other
 * fields a form sends (a consent box, a honeypot) are ignored.
 */
enum FormField {
    NAME("name", null, FormField.TEXT_MAX),
    EMAIL("email", null, FormField.EMAIL_MAX),
    PHONE("phone", null, FormField.PHONE_MAX),
    COMPANY("company", null, FormField.TEXT_MAX),
    REGION("region", null, FormField.TEXT_MAX),
    UTM_SOURCE("utm_source", "utmSource", FormField.TEXT_MAX),
    UTM_MEDIUM("utm_medium", "utmMedium", FormField.TEXT_MAX),
    UTM_CAMPAIGN("utm_campaign", "utmCampaign", FormField.TEXT_MAX),
    PAGE_URL("page_url", "pageUrl", FormField.URL_MAX),
    LEAD_ID("leadId", "lead_id", FormField.TEXT_MAX);

    /** Names, companies, UTM values, regions and CRM ids. */
    static final int TEXT_MAX = 200;
    /** The longest address SMTP carries (RFC 5321: a 254-character path). */
    static final int EMAIL_MAX = 254;
    static final int PHONE_MAX = 40;
    /** What browsers and analytics tools reliably keep of a URL. */
    static final int URL_MAX = 2000;

    private static final Map<String, FormField> BY_NAME = new HashMap<>();

    static {
        for (final FormField field : values()) {
            BY_NAME.put(field.fieldName, field);
            if (field.alias != null) {
                BY_NAME.put(field.alias, field);
            }
        }
    }

    private final String fieldName;
    private final String alias;
    private final int maxLength;

    FormField(final String fieldName, final String alias, final int maxLength) {
        this.fieldName = fieldName;
        this.alias = alias;
        this.maxLength = maxLength;
    }

    /** The field a name or alias denotes, or null for a field the product does not read. */
    static FormField named(final String name) {
        return BY_NAME.get(name);
    }

    /** The name under which answers report the field. */
    String fieldName() {
        return fieldName;
    }

    int maxLength() {
        return maxLength;
    }
}
