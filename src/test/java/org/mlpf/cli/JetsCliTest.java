package org.mlpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.schema.JetSchema;
import org.mlpf.spark.ParquetInput;
import org.mlpf.testing.ProjectFiles;
import org.mlpf.testing.TestEvents;
import org.mlpf.testing.TestSpark;

/** The jet command-line tools: {@code cluster-jets}, {@code bench jets} and the stage {@code jets}. */
class JetsCliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static final String SMALL = ProjectFiles.file("src/test/resources/jets/events/small.dat").toString();

    @Test
    void clusterJetsPrintsFastJetsJetsAsCsvByDecreasingPt() throws IOException {
        Run r = run("cluster-jets", "--input", SMALL, "--event", "5", "--R", "0.4");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("pt,rap,phi,m,px,py,pz,e", lines.get(0));
        // FastJet's answer for this event, from the golden file (jets by decreasing pt).
        List<String> golden = Files.readAllLines(ProjectFiles.file("src/test/resources/jets/golden/small.antikt.R0.4.best.txt"));
        int start = golden.indexOf(golden.stream().filter(l -> l.startsWith("event 5 ")).findFirst().orElseThrow());
        List<String> goldenJets = golden.subList(start + 1, golden.size()).stream().takeWhile(l -> l.startsWith("jet "))
                .toList();
        assertEquals(goldenJets.size(), lines.size() - 1);
        double previousPt = Double.MAX_VALUE;
        for (int k = 1; k < lines.size(); k++) {
            String[] f = lines.get(k).split(",");
            assertEquals(8, f.length);
            for (String v : f) {
                assertTrue(v.replaceAll("[^0-9]", "").replaceFirst("^0+", "").length() >= 10, "10+ digits: " + v);
            }
            double pt = Double.parseDouble(f[0]);
            assertTrue(pt <= previousPt, "decreasing pt");
            previousPt = pt;
            String[] g = goldenJets.get(k - 1).split(" ");
            for (int c = 0; c < 4; c++) {
                double want = Double.parseDouble(g[1 + c]);
                assertEquals(want, Double.parseDouble(f[4 + c]), 1e-9 * Math.abs(Double.parseDouble(g[4])), "jet " + k);
            }
            double phi = Double.parseDouble(f[2]);
            assertTrue(phi >= 0 && phi < 2 * Math.PI);
        }
    }

    @Test
    void clusterJetsAppliesPtminAndReadsHepMC3() {
        Run all = run("cluster-jets", "--input", SMALL, "--event", "5");
        Run hard = run("cluster-jets", "--input", SMALL, "--event", "5", "--ptmin", "10");
        assertTrue(hard.out().lines().count() < all.out().lines().count());
        hard.out().lines().skip(1).forEach(l -> assertTrue(Double.parseDouble(l.split(",")[0]) >= 10, l));
        Run hepmc = run("cluster-jets", "--input", ProjectFiles.file("src/test/resources/events/small.hepmc3").toString(),
                "--format", "hepmc3", "--algorithm", "kt", "--R", "0.8");
        assertEquals(0, hepmc.code(), hepmc.err());
        assertTrue(hepmc.out().lines().count() >= 2, hepmc.out());
    }

    @Test
    void malformedInputNamesFileAndLine() throws IOException {
        Path bad = tmp.resolve("bad.dat");
        Files.writeString(bad, "# comment\n1 2 3 4\n1 2 x 4\n");
        Run r = run("cluster-jets", "--input", bad.toString());
        assertEquals(ExitCodes.BAD_DATA, r.code());
        assertTrue(r.err().contains(bad + ":3: column 3 is not a number: 'x'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void badFlagsAreUsageErrors() {
        Run event = run("cluster-jets", "--input", SMALL, "--event", "99");
        assertEquals(ExitCodes.USAGE, event.code());
        assertTrue(event.err().contains("--event 99: " + SMALL + " has 7 event(s)"), event.err());
        Run alg = run("cluster-jets", "--input", SMALL, "--algorithm", "siscone");
        assertEquals(ExitCodes.USAGE, alg.code());
        assertTrue(alg.err().contains("unknown jet algorithm 'siscone'"), alg.err());
        assertEquals(ExitCodes.USAGE, run("cluster-jets", "--input", SMALL, "--R", "-1").code());
        assertEquals(ExitCodes.BAD_DATA, run("cluster-jets", "--input", tmp.resolve("absent.dat").toString()).code());
    }

    @Test
    void benchJetsEndsWithTheMachineReadableLine() {
        Run r = run("bench", "jets", "--input", SMALL, "--event", "5", "--repeat", "3");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("ms_per_clustering N=300: [0-9]+\\.[0-9]+"), last);
        assertTrue(r.out().contains("strategy N2Tiled"), r.out());
        assertTrue(run("bench", "--help").out().contains("jets"));
        assertTrue(run("--help").out().contains("cluster-jets"));
    }

    @Test
    void jetsStageWritesGenAndPfJetsAndPrintsASummary() {
        Path ntuples = tmp.resolve("ntuples");
        TestEvents.write(TestSpark.session(), TestEvents.validRows(3, "ttbar"), ntuples, 1);
        String out = tmp.resolve("jets").toString();
        Run r = run("jets", "--in", ntuples.toString(), "--out", out, "--chs", "false", "--R", "0.4", "--ptmin", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 events in "), r.out());
        assertTrue(r.out().contains("gen : 3 events clustered"), r.out());
        assertTrue(r.out().contains("quarantine: none"), r.out());
        var files = ParquetInput.inspect(TestSpark.session(), out);
        var rows = ParquetInput.read(TestSpark.session(), out, files);
        assertEquals(6, rows.count(), "gen and pf rows for 3 events");
        assertEquals(0, rows.filter(org.apache.spark.sql.functions.col(JetSchema.CHS)).count(), "--chs false");

        Run missing = run("jets", "--in", tmp.resolve("absent").toString(), "--out", out);
        assertEquals(ExitCodes.BAD_DATA, missing.code());
        assertTrue(missing.err().contains("input path does not exist"), missing.err());
        Run badR = run("jets", "--in", ntuples.toString(), "--out", out, "--R", "9");
        assertEquals(ExitCodes.USAGE, badR.code());
        assertTrue(badR.err().contains("bad value '9' for mlpf.jets.r (command line --R)"), badR.err());
        assertTrue(run("jets", "--help").out().contains("Default: 0.4"), "defaults come from the configuration");
    }
}
