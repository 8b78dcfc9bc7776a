package com.salespulse.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.salespulse.kpi.catalog.Dimension;
import com.salespulse.kpi.catalog.Kpi;
import com.salespulse.kpi.catalog.KpiCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structure of the Grafana dashboard in {@code deploy/grafana/dashboards}: that Grafana provisions
 * it, that every panel asks the provisioned Prometheus data source a query, and that its KPI queries
 * name KPIs of the catalog by the dimensions the app serves. MetricsScrapeIT checks that the metrics
 * it queries exist in a real scrape.
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("deploy", "grafana", "dashboards", "salespulse.json");
    private static final Path DATASOURCES = Path.of("deploy", "grafana", "provisioning", "datasources", "prometheus.yml");
    private static final Path PROVIDERS = Path.of("deploy", "grafana", "provisioning", "dashboards", "salespulse.yml");
    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> KEY_KPIS = List.of("leads_created", "first_response_time", "win_rate", "revenue_won",
            "sla_met_pct", "pipeline_velocity");
    /** A label matcher {@code name="value"} or {@code name=~"a|b"}. */
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|=)\\s*\"([^\"]*)\"");
    private static final Pattern KPI_VALUE_SELECTOR = Pattern.compile("salespulse_kpi_value\\s*\\{([^}]*)}");

    private static Path repoRoot;
    private static JsonNode dashboard;

    @BeforeAll
    static void loadDashboard() throws IOException {
        repoRoot = findRepoRoot();
        dashboard = new ObjectMapper().readTree(repoRoot.resolve(DASHBOARD).toFile());
    }

    @Test
    void shouldBeProvisionedWhenGrafanaStartsFromTheComposeFile() throws IOException {
        // Given the folder the dashboard provider reads, inside the Grafana container
        final List<String> providerPaths = stream(YAML.readTree(repoRoot.resolve(PROVIDERS).toFile()).path("providers"))
                .map(provider -> provider.path("options").path("path").asText()).toList();
        assertThat(providerPaths).hasSize(1);

        // When docker-compose.yml mounts a folder of the repository there
        final List<String> sources = stream(YAML.readTree(repoRoot.resolve(COMPOSE).toFile())
                .path("services").path("grafana").path("volumes"))
                .map(volume -> volume.asText().split(":"))
                .filter(parts -> parts.length >= 2 && parts[1].equals(providerPaths.get(0)))
                .map(parts -> parts[0]).toList();

        // Then it is the dashboard's folder
        assertThat(sources).hasSize(1);
        assertThat(repoRoot.resolve(sources.get(0)).normalize()).isEqualTo(repoRoot.resolve(DASHBOARD).getParent());
    }

    @Test
    void shouldUseTheProvisionedDatasourceWhenAPanelQueries() throws IOException {
        final JsonNode datasource = stream(YAML.readTree(repoRoot.resolve(DATASOURCES).toFile()).path("datasources"))
                .filter(source -> "prometheus".equals(source.path("type").asText())).findFirst().orElseThrow();
        final String uid = datasource.path("uid").asText();
        assertThat(uid).as("uid of the provisioned Prometheus data source").isNotBlank();

        for (final JsonNode panel : queryPanels()) {
            assertThat(panel.path("datasource").path("uid").asText()).as("data source of %s", title(panel)).isEqualTo(uid);
            assertThat(panel.path("datasource").path("type").asText()).as("data source of %s", title(panel))
                    .isEqualTo("prometheus");
            for (final JsonNode target : panel.path("targets")) {
                if (target.has("datasource")) {
                    assertThat(target.path("datasource").path("uid").asText()).as("a query of %s", title(panel))
                            .isEqualTo(uid);
                }
            }
        }
    }

    @Test
    void shouldAskAPromQlQueryWhenAPanelIsShown() {
        assertThat(queryPanels()).hasSizeGreaterThan(10);
        for (final JsonNode panel : queryPanels()) {
            final List<JsonNode> targets = stream(panel.path("targets")).toList();
            assertThat(targets).as("queries of %s", title(panel)).isNotEmpty();
            final Set<String> refIds = new HashSet<>();
            for (final JsonNode target : targets) {
                final String expr = target.path("expr").asText();
                assertThat(expr).as("a query of %s", title(panel)).isNotBlank();
                assertThat(PromQl.metricNames(expr)).as("metrics of %s", expr).isNotEmpty();
                assertThat(refIds.add(target.path("refId").asText())).as("refId %s unique in %s",
                        target.path("refId").asText(), title(panel)).isTrue();
            }
        }
    }

    @Test
    void shouldNumberEveryPanelOnceWhenTheDashboardIsLoaded() {
        final List<JsonNode> ids = allPanels().stream().map(panel -> panel.path("id")).toList();

        assertThat(ids).isNotEmpty().allMatch(JsonNode::isInt);
        assertThat(ids.stream().map(JsonNode::asInt).toList()).doesNotHaveDuplicates();
    }

    @Test
    void shouldLayPanelsOutInTwoRowsWithoutOverlapWhenShown() {
        // Given the rows, in order, and the panels under each
        final List<String> rows = allPanels().stream().filter(GrafanaDashboardTest::isRow)
                .map(panel -> panel.path("title").asText()).toList();
        assertThat(rows).containsExactly("KPIs (org)", "Pipeline health");
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        assertThat(dashboard.path("uid").asText()).isNotBlank();

        // Then every panel lies inside the 24 columns and no two cover the same cell
        final List<int[]> boxes = new ArrayList<>();
        for (final JsonNode panel : allPanels()) {
            final JsonNode grid = panel.path("gridPos");
            final int x = grid.path("x").asInt();
            final int y = grid.path("y").asInt();
            final int w = grid.path("w").asInt();
            final int h = grid.path("h").asInt();
            assertThat(w).as("width of %s", title(panel)).isPositive();
            assertThat(h).as("height of %s", title(panel)).isPositive();
            assertThat(x + w).as("right edge of %s", title(panel)).isLessThanOrEqualTo(24);
            for (final int[] other : boxes) {
                final boolean apart = x + w <= other[0] || other[0] + other[2] <= x || y + h <= other[1]
                        || other[1] + other[3] <= y;
                assertThat(apart).as("%s overlaps another panel", title(panel)).isTrue();
            }
            boxes.add(new int[] {x, y, w, h});
        }
    }

    @Test
    void shouldShowTheKeyKpisForTheOrgWhenTheKpiRowIsShown() {
        final List<String> orgDayKpis = kpiValueSelectors()
                .filter(labels -> labels.matches("org", "P1D"))
                .flatMap(labels -> labels.kpis().stream()).distinct().toList();

        assertThat(orgDayKpis).containsAll(KEY_KPIS);
        assertThat(kpiValueSelectors()).as("KPI queries by team").anyMatch(labels -> labels.matches("team", "P1D"));
    }

    @Test
    void shouldQueryOnlyCatalogKpisByServedDimensionsWhenKpiValuesAreShown() {
        final List<Selector> selectors = kpiValueSelectors().toList();
        assertThat(selectors).isNotEmpty();
        for (final Selector selector : selectors) {
            // the app serves KPI gauges by org, region, team and channel: one series per rep would grow with the roster
            assertThat(selector.dimension()).as("dimension of %s", selector).isIn("org", "region", "team", "channel");
            for (final String name : selector.kpis()) {
                final Kpi kpi = KpiCatalog.byName(name).orElseGet(() -> fail("%s is not a KPI of the catalog", name));
                assertThat(kpi.appliesTo(Dimension.fromLabel(selector.dimension()), selector.window()))
                        .as("%s is published by %s in %s", name, selector.dimension(), selector.window()).isTrue();
            }
        }
    }

    /** The labels a {@code salespulse_kpi_value} selector fixes. */
    private record Selector(List<String> kpis, String dimension, String window) {
        boolean matches(final String wantedDimension, final String wantedWindow) {
            return wantedDimension.equals(dimension) && wantedWindow.equals(window);
        }
    }

    private static Stream<Selector> kpiValueSelectors() {
        return queryPanels().stream().flatMap(panel -> stream(panel.path("targets")))
                .map(target -> target.path("expr").asText())
                .flatMap(expr -> KPI_VALUE_SELECTOR.matcher(expr).results().map(result -> result.group(1)))
                .map(GrafanaDashboardTest::selector);
    }

    private static Selector selector(final String matchers) {
        List<String> kpis = List.of();
        String dimension = null;
        String window = null;
        final Matcher matcher = MATCHER.matcher(matchers);
        while (matcher.find()) {
            final String value = matcher.group(3);
            switch (matcher.group(1)) {
                case "kpi" -> kpis = matcher.group(2).equals("=~") ? List.of(value.split("\\|")) : List.of(value);
                case "dimension" -> dimension = value;
                case "window" -> window = value;
                default -> fail("unexpected matcher %s in salespulse_kpi_value{%s}", matcher.group(), matchers);
            }
        }
        assertThat(kpis).as("KPIs of salespulse_kpi_value{%s}", matchers).isNotEmpty();
        return new Selector(kpis, dimension, window);
    }

    /** Every panel, rows included, also those nested in a collapsed row. */
    private static List<JsonNode> allPanels() {
        final List<JsonNode> panels = new ArrayList<>();
        for (final JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    private static List<JsonNode> queryPanels() {
        return allPanels().stream().filter(panel -> !isRow(panel)).toList();
    }

    private static boolean isRow(final JsonNode panel) {
        return "row".equals(panel.path("type").asText());
    }

    private static String title(final JsonNode panel) {
        return "panel " + panel.path("id").asText() + " \"" + panel.path("title").asText() + "\"";
    }

    private static Stream<JsonNode> stream(final JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static Path findRepoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(COMPOSE)) && Files.isRegularFile(dir.resolve(DASHBOARD))) {
                return dir;
            }
        }
        return fail("no %s with %s beside it in the working directory or any parent", COMPOSE, DASHBOARD);
    }
}
