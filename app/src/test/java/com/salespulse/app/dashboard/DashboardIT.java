package com.salespulse.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.salespulse.app.demo.DemoProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's acceptance criterion, as a user sees it: {@code salespulse demo} from the runnable
 * jar, its dashboard opened in a real browser (the system's headless Chromium, driven by Selenium),
 * shows every tile and chart filled and keeps moving without a reload.
 *
 * <p>It reads the page through the hooks the page sets for this purpose ({@code data-live},
 * {@code data-empty}, {@code data-drawn}, {@code data-member}, {@code data-lead-id}), polling with
 * deadlines. Once the page is filled it waits until the pipeline has caught up with the demo's
 * history (its {@code salespulse_events_processed_total} reaches the number of events the demo
 * printed and the bucket stage has nothing left to fetch), checks that the page then shows what the
 * API says, watches it move, and leaves a screenshot of the whole day in {@code target/dashboard.png},
 * and also at the path the system property {@value #SCREENSHOT_PROPERTY} names (the README's picture
 * is made this way).
 *
 * <p>Without {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} it is skipped, or fails when the
 * environment variable {@code SALESPULSE_REQUIRE_TOOLS=1} says the tools must be there (CI). The driver
 * is never downloaded (Selenium Manager is not asked): the machine may have no internet.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the demo is stopped with kill")
class DashboardIT {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardIT.class);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String SCREENSHOT_PROPERTY = "salespulse.screenshot";
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png").toAbsolutePath();
    private static final Path FAILURE_SCREENSHOT = Path.of("target", "dashboard-failure.png").toAbsolutePath();
    private static final Pattern DASHBOARD = Pattern.compile("^ {2}Dashboard: +http://localhost:(\\d+)/$");
    private static final Pattern HISTORY = Pattern.compile("^Loading .* of history.*: ([\\d,]+) events \\.\\.\\.$");
    private static final Pattern PROCESSED = Pattern.compile("^salespulse_events_processed_total\\{.*} (\\S+)$");
    private static final Pattern BUCKET_LAG = Pattern.compile(
            "^kafka_consumer_fetch_manager_records_lag\\{.*topic=\"[^\"]*bucket-deltas-repartition\".*} (\\S+)$");
    private static final Pattern MEMBER = Pattern.compile("\"member\":\"([^\"]+)\"");
    private static final int TILES = 12;
    /** The dashboard's default leaderboard, and as many rows as it shows. */
    private static final String LEADERBOARD = "api/kpis/deals_won/leaderboard?dimension=rep&window=quarter&order=desc&limit=12";
    /**
     * The simulated reps work office hours on weekdays, so today's window is legitimately empty of deals on a
     * weekend. Three days of history hold a weekday's work at any hour of the week, and the quarter's window
     * holds them all (except in the first working day of a quarter).
     */
    private static final String[] DEMO_OPTIONS = {"--history", "P3D", "--leads-per-day", "1500"};
    private static final String PAGE = "?window=quarter";

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration LIVE = Duration.ofSeconds(60);
    /** The pipeline works through the demo's day of history first: about a minute on two idle cores. */
    private static final Duration FILLED = Duration.ofMinutes(4);
    private static final Duration CAUGHT_UP = Duration.ofMinutes(5);
    private static final Duration AGREES = Duration.ofSeconds(45);
    private static final Duration MOVING = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(45);
    private static final Duration POLL = Duration.ofMillis(500);

    /** Everything the test reads from the page, in one script run, so that a re-render cannot come in between. */
    private static final String READ_PAGE = """
            const drawn = (node) => node?.dataset.drawn === 'true';
            const rows = [...document.querySelectorAll('#leaderboard tbody tr[data-member]')];
            return {
              live: document.body.dataset.live === 'true',
              connection: document.querySelector('#connection')?.dataset.state ?? '',
              tiles: [...document.querySelectorAll('.tile[data-kpi]')].map((tile) => ({
                kpi: tile.dataset.kpi,
                value: tile.querySelector('.tile-value')?.textContent.trim() ?? '',
                empty: tile.dataset.empty === 'true',
                sparkline: drawn(tile.querySelector('.sparkline')),
              })),
              funnel: drawn(document.querySelector('#funnel')),
              distribution: drawn(document.querySelector('#response-distribution')),
              leaderboard: rows.map((row) => row.innerText.replace(/\\s+/g, ' ').trim()),
              leaderboardMembers: rows.map((row) => row.dataset.member),
              slaRows: document.querySelectorAll('#sla-breaches tbody tr[data-lead-id]').length,
              sameDocument: window.salespulseTestMark === 'kept',
            };
            """;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();
    private DemoProcess demo;
    private ChromeDriver browser;
    private boolean screenshotTaken;

    @RegisterExtension
    final TestWatcher printConsoleOnFailure = new TestWatcher() {
        @Override
        public void testFailed(final ExtensionContext context, final Throwable cause) {
            // Synthetic traffic and KPI values only: nothing private in the demo's console.
            LOG.warn("demo stdout:\n{}", demo == null ? "(not started)" : String.join("\n", demo.console().lines()));
        }
    };

    @BeforeEach
    void requireChromium() {
        final boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "1".equals(System.getenv("SALESPULSE_REQUIRE_TOOLS"))) {
            fail(CHROMIUM + " and " + CHROMEDRIVER + " are required (SALESPULSE_REQUIRE_TOOLS=1): "
                    + "apt-get install -y chromium chromium-driver");
        }
        assumeTrue(present, () -> CHROMIUM.toString() + " or " + CHROMEDRIVER + " missing "
                + "(apt-get install -y chromium chromium-driver; SALESPULSE_REQUIRE_TOOLS=1 makes this a failure)");
    }

    @AfterEach
    void stopBrowserAndDemo() throws IOException, InterruptedException {
        if (browser != null) {
            try {
                if (!screenshotTaken) {
                    saveScreenshot(FAILURE_SCREENSHOT);
                    LOG.warn("the dashboard as it was at the failure: {}", FAILURE_SCREENSHOT);
                }
            } finally {
                browser.quit();
            }
        }
        if (demo != null) {
            if (demo.isAlive()) {
                demo.send(DemoProcess.Signal.SIGTERM);
                demo.waitFor(STOP);
            }
            demo.close();
            LOG.info("demo stderr:\n{}", demo.stderr());
        }
    }

    @Test
    void shouldShowEveryTileAndChartFilledAndMovingWhenTheDemoRuns() throws Exception {
        // Given the demo started from the runnable jar on a fresh data dir
        final long launched = System.nanoTime();
        demo = DemoProcess.start(work, DEMO_OPTIONS);
        final int port = demo.port(DASHBOARD, STARTUP)
                .orElseThrow(() -> new AssertionError("no '  Dashboard: http://localhost:N/' line within " + STARTUP));
        assertThat(demo.console().awaitLine(DemoProcess.RUNNING, STARTUP)).as("the demo started").isPresent();
        final URI base = URI.create("http://localhost:" + port + "/");
        LOG.info("demo running after {} ms, dashboard on {}", millisSince(launched), base);

        // When its dashboard is opened in a browser
        browser = chromium(work.resolve("chromium-profile"));
        browser.get(base + PAGE);
        browser.executeScript("window.salespulseTestMark = 'kept';");

        // Then it goes live: the stream is open and has brought its first event
        final long opened = System.nanoTime();
        final Page live = poll(LIVE, page -> page.live() && "live".equals(page.connection()));
        assertThat(live.connection()).as("#connection[data-state]").isEqualTo("live");
        assertThat(live.live()).as("body[data-live] after the first stream event").isTrue();
        LOG.info("dashboard live {} ms after it was opened", millisSince(opened));

        // And every tile holds a value over a drawn sparkline, both charts are drawn, and both tables have rows
        final Page filled = poll(FILLED, Page::filled);
        assertFilled(filled);
        LOG.info("dashboard filled {} ms after it was opened: {}", millisSince(opened), filled.tiles());

        // When the pipeline has caught up with the demo's history
        final long history = demo.console().await(lines -> lines.stream().map(HISTORY::matcher).filter(Matcher::matches)
                .map(matcher -> Long.parseLong(matcher.group(1).replace(",", ""))).findFirst(), Duration.ZERO)
                .orElseThrow(() -> new AssertionError("no 'Loading ... of history: N events ...' line"));
        final Pipeline pipeline = awaitCaughtUp(base.resolve("metrics"), history);
        assertThat(pipeline.eventsProcessed()).as("events the pipeline accepted, the history's %,d among them", history)
                .isGreaterThanOrEqualTo(history);
        assertThat(pipeline.bucketLag()).as("records left for the bucket stage to fetch").isZero();
        LOG.info("{} history events counted {} ms after launch", history, millisSince(launched));

        // Then the page shows what the API says: the same reps on the leaderboard, in the same order
        final URI leaderboard = base.resolve(LEADERBOARD);
        final Page agreed = poll(AGREES, page -> page.leaderboardMembers().equals(members(leaderboard)));
        assertThat(agreed.leaderboardMembers()).as("the leaderboard's reps, as %s lists them", leaderboard)
                .isNotEmpty().isEqualTo(members(leaderboard));
        assertFilled(agreed);

        // And it keeps moving: a tile value or the leaderboard changes, in the same document
        final long watching = System.nanoTime();
        final Page moved = poll(MOVING, page -> page.movedFrom(agreed));
        assertThat(moved.movedFrom(agreed))
                .as("a tile value or the leaderboard changed within %s: before %s %s, after %s %s", MOVING,
                        agreed.values(), agreed.leaderboard(), moved.values(), moved.leaderboard())
                .isTrue();
        assertThat(moved.sameDocument()).as("the page was not reloaded").isTrue();
        LOG.info("dashboard moved {} ms later: {} -> {}", millisSince(watching), agreed.values(), moved.values());

        saveScreenshot(SCREENSHOT);
        screenshotTaken = true;
        final String copy = System.getProperty(SCREENSHOT_PROPERTY, "");
        if (!copy.isBlank()) {
            final Path target = Path.of(copy).toAbsolutePath();
            Files.createDirectories(target.getParent());
            Files.write(target, Files.readAllBytes(SCREENSHOT));
            LOG.info("screenshot copied to {}", target);
        }
        LOG.info("screenshot {}; {} ms from launch to the end", SCREENSHOT, millisSince(launched));
    }

    private static void assertFilled(final Page page) {
        assertThat(page.tiles()).as("tiles").hasSize(TILES);
        assertThat(page.tiles()).as("tiles without a value (%s)", page.tiles())
                .noneMatch(tile -> tile.empty() || tile.value().isEmpty() || "—".equals(tile.value()));
        assertThat(page.tiles()).as("tiles without a drawn sparkline (%s)", page.tiles()).allMatch(Tile::sparkline);
        assertThat(page.funnel()).as("#funnel drawn").isTrue();
        assertThat(page.distribution()).as("#response-distribution drawn").isTrue();
        assertThat(page.leaderboard()).as("leaderboard rows").isNotEmpty();
        assertThat(page.slaRows()).as("open SLA breach rows").isPositive();
    }

    /** The system's Chromium and chromedriver, headless, in a profile of its own; nothing is downloaded. */
    private static ChromeDriver chromium(final Path profile) throws IOException {
        Files.createDirectories(profile);
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1600,1000");
        return new ChromeDriver(service, options);
    }

    /** How far the pipeline has come, from the demo's Prometheus metrics; bucketLag -1 before it is reported. */
    private record Pipeline(long eventsProcessed, long bucketLag) {
    }

    /**
     * Reads the demo's metrics every {@link #POLL} until {@code expected} events are processed and the bucket
     * stage's consumer has no records left to fetch, or {@link #CAUGHT_UP} passed; the last reading.
     */
    private Pipeline awaitCaughtUp(final URI metrics, final long expected) {
        final Pipeline[] last = {new Pipeline(0, -1)};
        try {
            new FluentWait<>(metrics).withTimeout(CAUGHT_UP).pollingEvery(POLL).ignoring(UncheckedIOException.class)
                    .until(uri -> {
                        last[0] = pipeline(get(uri));
                        return last[0].eventsProcessed() >= expected && last[0].bucketLag() == 0;
                    });
        } catch (final TimeoutException timedOut) {
            LOG.warn("not caught up with {} events within {}: {}", expected, CAUGHT_UP, last[0]);
        }
        return last[0];
    }

    private static Pipeline pipeline(final String metrics) {
        final long processed = metrics.lines().map(PROCESSED::matcher).filter(Matcher::matches)
                .mapToLong(matcher -> (long) Double.parseDouble(matcher.group(1))).sum();
        final List<Long> lags = metrics.lines().map(BUCKET_LAG::matcher).filter(Matcher::matches)
                .map(matcher -> (long) Double.parseDouble(matcher.group(1))).toList();
        return new Pipeline(processed, lags.isEmpty() ? -1 : lags.stream().mapToLong(Long::longValue).sum());
    }

    /** The members of a leaderboard answer, in its order. */
    private List<String> members(final URI leaderboard) {
        return MEMBER.matcher(get(leaderboard)).results().map(result -> result.group(1)).toList();
    }

    private String get(final URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + uri, e);
        }
    }

    /** Reads the page every {@link #POLL} until {@code done} holds or {@code timeout} passed; the last reading. */
    private Page poll(final Duration timeout, final Predicate<Page> done) {
        final Page[] last = {read()};
        try {
            new WebDriverWait(browser, timeout, POLL).ignoring(WebDriverException.class)
                    .ignoring(UncheckedIOException.class).until(driver -> {
                        last[0] = read();
                        return done.test(last[0]);
                    });
        } catch (final TimeoutException timedOut) {
            LOG.warn("not reached within {}: {}", timeout, last[0]);
        }
        return last[0];
    }

    @SuppressWarnings("unchecked")
    private Page read() {
        final Map<String, Object> page = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(READ_PAGE);
        final List<Tile> tiles = ((List<Map<String, Object>>) page.get("tiles")).stream()
                .map(tile -> new Tile((String) tile.get("kpi"), (String) tile.get("value"),
                        Boolean.TRUE.equals(tile.get("empty")), Boolean.TRUE.equals(tile.get("sparkline"))))
                .toList();
        return new Page(Boolean.TRUE.equals(page.get("live")), (String) page.get("connection"), tiles,
                Boolean.TRUE.equals(page.get("funnel")), Boolean.TRUE.equals(page.get("distribution")),
                List.copyOf((List<String>) page.get("leaderboard")),
                List.copyOf((List<String>) page.get("leaderboardMembers")),
                ((Number) page.get("slaRows")).intValue(), Boolean.TRUE.equals(page.get("sameDocument")));
    }

    private void saveScreenshot(final Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }

    private static long millisSince(final long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** One KPI tile as shown. */
    private record Tile(String kpi, String value, boolean empty, boolean sparkline) {
        @Override
        public String toString() {
            return kpi + "=" + (empty ? "(empty)" : value) + (sparkline ? "" : " (no sparkline)");
        }
    }

    /** What the page shows at one moment. */
    private record Page(boolean live, String connection, List<Tile> tiles, boolean funnel, boolean distribution,
                        List<String> leaderboard, List<String> leaderboardMembers, int slaRows,
                        boolean sameDocument) {

        boolean filled() {
            return tiles.size() == TILES
                    && tiles.stream().allMatch(tile -> !tile.empty() && !"—".equals(tile.value()) && tile.sparkline())
                    && funnel && distribution && !leaderboard.isEmpty() && slaRows > 0;
        }

        List<String> values() {
            return tiles.stream().map(Tile::value).toList();
        }

        boolean movedFrom(final Page before) {
            return !values().equals(before.values()) || !leaderboard.equals(before.leaderboard());
        }
    }
}
