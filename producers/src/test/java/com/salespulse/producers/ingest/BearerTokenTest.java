package com.salespulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {
    private final BearerToken token = new BearerToken("crm-s3cret");

    @Test
    void shouldPermitTheRequestWhenItPresentsTheTokenUnderTheBearerScheme() {
        assertThat(token.permits("Bearer crm-s3cret")).isTrue();
        assertThat(token.permits("bearer crm-s3cret")).isTrue();
        assertThat(token.permits("Bearer  crm-s3cret ")).isTrue();
    }

    @Test
    void shouldRefuseTheRequestWhenTheTokenIsMissingWrongOrUnderAnotherScheme() {
        assertThat(token.permits(null)).isFalse();
        assertThat(token.permits("")).isFalse();
        assertThat(token.permits("Bearer ")).isFalse();
        assertThat(token.permits("Bearer crm-s3cre")).isFalse();
        assertThat(token.permits("Bearer crm-s3cret2")).isFalse();
        assertThat(token.permits("crm-s3cret")).isFalse();
        assertThat(token.permits("Basic crm-s3cret")).isFalse();
    }

    @Test
    void shouldPermitEveryRequestWhenNoTokenIsSet() {
        final BearerToken none = new BearerToken("");

        assertThat(none.required()).isFalse();
        assertThat(none.permits(null)).isTrue();
        assertThat(none.permits("Bearer anything")).isTrue();
    }
}
