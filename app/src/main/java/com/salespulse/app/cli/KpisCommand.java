package com.salespulse.app.cli;

import com.salespulse.kpi.catalog.Kpi;
import com.salespulse.kpi.catalog.KpiCatalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the KPI catalog: every KPI with its family, unit, dimensions, windows and definition. */
@Command(name = "kpis", mixinStandardHelpOptions = true,
        description = {"Prints the KPI catalog: each KPI's name, family, unit, the dimensions and windows it is",
                "published for, how it is computed and its definition. docs/kpis.md states every rule in full."})
public final class KpisCommand implements Callable<Integer> {
    private static final int WIDTH = 100;
    private static final String INDENT = "  ";
    private static final int LABEL_WIDTH = 12;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PREFIX",
            description = "Print only the KPIs whose name starts with this, e.g. 'revenue' or 'lead_stage_share'.")
    private String prefix;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final List<Kpi> kpis = KpiCatalog.all().stream()
                .filter(kpi -> prefix == null || kpi.name().startsWith(prefix))
                .toList();
        if (kpis.isEmpty()) {
            spec.commandLine().getErr().println("salespulse kpis: no KPI name starts with '" + prefix + "'");
            return 1;
        }
        out.println(kpis.size() + (kpis.size() == 1 ? " KPI" : " KPIs")
                + " (docs/kpis.md states every rule in full)");
        for (final Kpi kpi : kpis) {
            out.println();
            out.println(kpi.name());
            field(out, "family", kpi.family().name().toLowerCase(Locale.ROOT));
            field(out, "unit", kpi.unit());
            field(out, "dimensions", String.join(", ", kpi.dimensionLabels()));
            field(out, "windows", kpi.windows().isEmpty() ? "all" : String.join(", ", kpi.windows()));
            field(out, "formula", kpi.formula().describe());
            field(out, "definition", kpi.definition());
        }
        out.flush();
        return 0;
    }

    /** One labelled field, its text wrapped at {@value #WIDTH} columns under itself. */
    private static void field(final PrintWriter out, final String label, final String text) {
        final String first = INDENT + String.format(Locale.ROOT, "%-" + LABEL_WIDTH + "s", label);
        final String next = " ".repeat(first.length());
        final StringBuilder line = new StringBuilder(first);
        boolean lineHasText = false;
        for (final String word : text.split(" ")) {
            if (lineHasText && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line.setLength(0);
                line.append(next);
                lineHasText = false;
            }
            if (lineHasText) {
                line.append(' ');
            }
            line.append(word);
            lineHasText = true;
        }
        out.println(line);
    }
}
