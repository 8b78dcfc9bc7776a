package com.salespulse.producers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

    @Test
    void shouldReadTheTokenAndOriginsWhenTheConfigurationHoldsThem() {
        // Given a configuration as SalesPulseConfig hands it out (null for keys it lacks)
        final Map<String, String> config = Map.of(IngestSettings.TOKEN, " s3cret ",
                IngestSettings.ALLOWED_ORIGINS, "https://www.example.com/, HTTPS://Shop.Example.com ,,");

        // When the settings are read
        final IngestSettings settings = IngestSettings.from(config::get);

        // Then the token is trimmed and the origins are as browsers send them
        assertThat(settings.token()).isEqualTo("s3cret");
        assertThat(settings.requiresToken()).isTrue();
        assertThat(settings.allowedOrigins()).containsExactly("https://www.example.com", "https://shop.example.com");
    }

    @Test
    void shouldRequireNoTokenAndSendNoCorsWhenTheKeysAreAbsent() {
        final IngestSettings settings = IngestSettings.from(key -> null);

        assertThat(settings.requiresToken()).isFalse();
        assertThat(settings.allowedOrigins()).isEmpty();
        assertThat(settings).isEqualTo(IngestSettings.defaults());
    }

    @Test
    void shouldNotPrintTheTokenWhenTheSettingsArePrinted() {
        assertThat(new IngestSettings("s3cret", List.of("*"))).hasToString("IngestSettings[token=(set), allowedOrigins=[*]]");
    }

    @Test
    void shouldAllowOnlyListedOriginsOrAnyWhenAStarIsListed() {
        final CrossOrigin listed = new CrossOrigin(new IngestSettings("", List.of("https://www.example.com")).allowedOrigins());
        final CrossOrigin any = new CrossOrigin(List.of("*"));
        final CrossOrigin none = new CrossOrigin(List.of());

        assertThat(listed.allowOrigin("https://www.example.com")).isEqualTo("https://www.example.com");
        assertThat(listed.allowOrigin("https://WWW.example.com")).isEqualTo("https://WWW.example.com");
        assertThat(listed.allowOrigin("https://www.example.com.evil.example")).isNull();
        assertThat(listed.allowOrigin("http://www.example.com")).isNull();
        assertThat(listed.allowOrigin(null)).isNull();
        assertThat(any.allowOrigin("https://anywhere.example")).isEqualTo("*");
        assertThat(none.allowOrigin("https://www.example.com")).isNull();
    }
}
