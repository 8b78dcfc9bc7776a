package com.salespulse.kpi.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.sla.BusinessCalendar;
import com.salespulse.kpi.sla.SlaPolicy;
import com.salespulse.kpi.sla.SlaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SLA and KPI-rule YAML of docs/alerts.md. */
class AlertSettingsTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Failsafe and Surefire run in the module directory; the documented example lives in docs/. */
    private static final Path EXAMPLE = Path.of("..", "docs", "sla.example.yaml");

    @TempDir
    Path work;

    @Test
    void shouldReadEveryEntryWhenTheDocumentedExampleIsLoaded() {
        // Given docs/sla.example.yaml
        // When
        final AlertSettings settings = AlertSettings.load(EXAMPLE, UTC);

        // Then its four policies, in order, with their calendars
        final SlaSettings sla = settings.sla();
        assertThat(sla.policies()).extracting(SlaPolicy::name)
                .containsExactly("web-form", "emea-partners", "night-desk", "default");
        assertThat(sla.atRiskFractions()).containsExactly(0.5, 0.75, 0.9);
        assertThat(sla.checkInterval()).isEqualTo(Duration.ofMillis(200));
        final SlaPolicy partners = sla.policy("emea-partners").orElseThrow();
        assertThat(partners.target()).isEqualTo(Duration.ofMinutes(30));
        assertThat(partners.escalation()).isEqualTo(Duration.ofHours(4));
        final BusinessCalendar office = partners.calendar();
        assertThat(office.zone()).isEqualTo(BERLIN);
        assertThat(office.holidays()).contains(LocalDate.parse("2026-12-24"), LocalDate.parse("2027-01-01"));
        assertThat(office.weekly().get(DayOfWeek.SATURDAY)).hasSize(1);
        assertThat(office.weekly().get(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(sla.policy("night-desk").orElseThrow().calendar().weekly().get(DayOfWeek.FRIDAY).get(0)
                .overnight()).isTrue();
        assertThat(sla.policy("default").orElseThrow().calendar().name()).isEqualTo(SlaSettings.BUSINESS_HOURS);
        // and its rules, the 30/30/50 outreach benchmarks and one above a threshold
        assertThat(settings.kpiRules()).extracting(KpiRule::name).containsExactly("outreach-email-open-rate",
                "outreach-response-rate", "outreach-reply-to-customer-rate", "slow-first-response");
        final KpiRule slow = settings.kpiRules().get(3);
        assertThat(slow.direction()).isEqualTo(KpiRule.Direction.ABOVE);
        assertThat(slow.threshold()).isEqualTo(900.0);
        assertThat(slow.minDenominator()).isEqualTo(5.0);
        assertThat(slow.hysteresis()).isEqualTo(120.0);
    }

    @Test
    void shouldMatchTheFirstPolicyInOrderWhenSeveralWouldTakeTheLead() {
        // Given the example's policies
        final SlaSettings sla = AlertSettings.load(EXAMPLE, UTC).sla();

        // When / Then source, channel and region (any case), team, and the catch-all decide
        assertThat(sla.policyFor("referral", "WEB_FORM", null, "EMEA")).map(SlaPolicy::name).contains("web-form");
        assertThat(sla.policyFor("Referral", "CRM", "T1", "emea")).map(SlaPolicy::name).contains("emea-partners");
        assertThat(sla.policyFor("referral", "CRM", "T1", "NA")).map(SlaPolicy::name).contains("default");
        assertThat(sla.policyFor("paid", null, "T-NIGHT", "NA")).map(SlaPolicy::name).contains("night-desk");
        assertThat(sla.policyFor(null, null, null, null)).map(SlaPolicy::name).contains("default");
    }

    @Test
    void shouldBeDueMondayAt0910WhenAFridayEveningLeadHasFifteenMinutesOfOfficeHours() {
        // Given a policy of 15 minutes in Monday-Friday 09:00-18:00 Berlin, read from YAML
        final AlertSettings settings = AlertSettings.parse("""
                calendars:
                  office: {zone: Europe/Berlin, hours: {mon-fri: "09:00-18:00"}}
                sla:
                  policies:
                    - {name: fast, target: PT15M, calendar: office}
                """, UTC, "inline");

        // When a lead is created on Friday 27 November 2026 at 17:55 Berlin
        final Instant due = settings.sla().policies().get(0)
                .deadline(LocalDateTime.parse("2026-11-27T17:55").atZone(BERLIN).toInstant());

        // Then it is due on Monday at 09:10 in its calendar
        assertThat(due.atZone(BERLIN).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-11-30T09:10"));
    }

    @Test
    void shouldUseTheDefaultsWhenTheFileLeavesSectionsOut() {
        // Given an empty file, and one with only a calendar redefining business-hours
        final AlertSettings empty = AlertSettings.parse("", BERLIN, "empty");
        final AlertSettings redefined = AlertSettings.parse("""
                calendars:
                  business-hours: {hours: {mon-sat: "08:00-20:00"}}
                """, BERLIN, "redefined");

        // Then the default policies (web-form 5 min, others 1 h, in business hours of the default zone) and rules
        assertThat(empty.sla().policies()).extracting(SlaPolicy::name).containsExactly("web-form", "default");
        assertThat(empty.sla().policy("web-form").orElseThrow().target()).isEqualTo(Duration.ofMinutes(5));
        assertThat(empty.sla().policy("default").orElseThrow().target()).isEqualTo(Duration.ofHours(1));
        assertThat(empty.sla().policy("default").orElseThrow().calendar().zone()).isEqualTo(BERLIN);
        assertThat(empty.kpiRules()).isEqualTo(AlertSettings.defaultRules());
        assertThat(empty.kpiRules()).extracting(KpiRule::kpi)
                .containsExactly("email_open_rate", "response_rate", "reply_to_customer_rate");
        assertThat(empty.kpiRules()).extracting(KpiRule::threshold).containsExactly(0.3, 0.3, 0.5);
        // and default policies follow a redefined business-hours calendar
        assertThat(redefined.sla().policy("default").orElseThrow().calendar().weekly().get(DayOfWeek.SATURDAY))
                .hasSize(1);
    }

    @Test
    void shouldTurnAlertingOffWhenPoliciesAndRulesAreEmptyLists() {
        final AlertSettings off = AlertSettings.parse("sla: {policies: []}\nkpiRules: []\n", UTC, "off");
        assertThat(off.sla().policies()).isEmpty();
        assertThat(off.kpiRules()).isEmpty();
    }

    @Test
    void shouldNameTheFileAndEntryWhenAnEntryIsInvalid() {
        assertInvalid("sla: {polices: []}", "bad.yaml: sla has an unknown key 'polices'");
        assertInvalid("sla: {policies: [{name: a, target: 5 minutes}]}", "sla.policies[0].target must be an ISO-8601 duration");
        assertInvalid("sla: {policies: [{name: a}]}", "sla.policies[0].target is missing");
        assertInvalid("sla: {policies: [{name: a, target: PT5M, calendar: nope}]}", "sla.policies[0].calendar names no calendar: nope");
        assertInvalid("sla: {policies: [{name: a, target: PT5M, escalation: PT1M}]}", "escalation must be longer than the target");
        assertInvalid("sla: {policies: [{name: a, target: PT5M}, {name: a, target: PT5M}]}", "names must be unique");
        assertInvalid("sla: {atRisk: [0.9, 0.5]}", "at-risk fractions must ascend");
        assertInvalid("calendars: {x: {hours: {funday: \"09:00-17:00\"}}}", "calendars.x.hours.funday is not a day");
        assertInvalid("calendars: {x: {hours: {mon: \"9-5\"}}}", "calendars.x.hours.mon opening hours must look like");
        assertInvalid("calendars: {x: {zone: Mars/Olympus, hours: 24/7}}", "calendars.x.zone 'Mars/Olympus' is not an IANA time zone");
        assertInvalid("calendars: {x: {hours: {}}}", "calendars.x calendar x has no opening hours");
        assertInvalid("calendars: {x: {hours: {mon: \"09:00-17:00\"}, holidays: [24.12.2026]}}", "is not a date like 2026-12-24");
        assertInvalid("kpiRules: [{name: r, kpi: nps, below: 0.3, above: 0.5}]", "kpiRules[0] needs exactly one of below and above");
        assertInvalid("kpiRules: [{name: r, kpi: nps, below: low}]", "kpiRules[0].below must be a number");
        assertInvalid("kpiRules: [{name: r, kpi: nps, dimension: planet, below: 1}]", "kpiRules[0].dimension must be org");
        assertInvalid("kpiRules: [{name: r, below: 1}]", "kpiRules[0].kpi is missing");
        assertInvalid("sla: [unclosed", "bad.yaml: not valid YAML at line");
    }

    @Test
    void shouldLoadTheFileTheConfigurationNamesWhenSalespulseSlaConfigIsSet() throws IOException {
        // Given a file with one policy, named by salespulse.sla.config, and a configuration without it
        final Path file = work.resolve("sla.yaml");
        Files.writeString(file, "sla:\n  policies:\n    - {name: only, target: PT2M, calendar: always}\nkpiRules: []\n");
        final SalesPulseConfig named = SalesPulseConfig.of(Map.of(SalesPulseConfig.SLA_CONFIG, file.toString(),
                SalesPulseConfig.ORG_TIMEZONE, "Europe/Berlin"));
        final SalesPulseConfig unnamed = SalesPulseConfig.of(Map.of(SalesPulseConfig.ORG_TIMEZONE, "Europe/Berlin"));

        // When / Then the file's policy, in the organisation's zone; else the defaults there
        final AlertSettings fromFile = AlertSettings.from(named);
        assertThat(fromFile.sla().policies()).extracting(SlaPolicy::name).containsExactly("only");
        assertThat(fromFile.sla().policies().get(0).calendar().zone()).isEqualTo(BERLIN);
        assertThat(AlertSettings.from(unnamed).sla().policies()).extracting(SlaPolicy::name).containsExactly("web-form", "default");
        assertThat(AlertSettings.from(unnamed).sla().policies().get(0).calendar().zone()).isEqualTo(BERLIN);
    }

    private static void assertInvalid(final String yaml, final String message) {
        assertThatThrownBy(() -> AlertSettings.parse(yaml, UTC, "bad.yaml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
