package org.mlpf.generate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlpf.generate.gen.Samples;
import org.mlpf.jets.stage.JetsConfig;
import org.mlpf.jets.stage.JetsJob;
import org.mlpf.physics.GenEvent;
import org.mlpf.physics.Kinematics;
import org.mlpf.schema.JetSchema;
import org.mlpf.schema.NtupleEvent;
import org.mlpf.testing.TestSpark;

/**
 * The baseline PF on generated ttbar with pileup, through the real chain (generator, simulation, PF, anti-kt R = 0.4
 * CHS jets): its jet response and the energy the generator targets capture stay in the ranges documented in
 * docs/simulation.md.
 */
class TtbarPhysicsTest {
    @TempDir
    Path tmp;

    @Test
    void pfJetResponseOnTtbarIsWithinTheDocumentedRange() {
        SparkSession spark = TestSpark.session();
        Path nt = tmp.resolve("ntuples");
        GenerateJob.generate(spark, "ttbar", new GenerateConfig(40, "55:75", "0:0", 3, 2),
                ReconstructionConfig.defaults(), nt.toString(), false);
        Path jets = tmp.resolve("jets");
        JetsJob.run(spark, nt.toString(), null, jets.toString(), JetsConfig.from(org.mlpf.config.Settings.defaults()));
        Map<Long, List<Row>> gen = new HashMap<>();
        Map<Long, List<Row>> pf = new HashMap<>();
        for (Row r : spark.read().parquet(jets.toString()).collectAsList()) {
            String source = r.getAs(JetSchema.SOURCE);
            (source.equals(JetSchema.SOURCE_GEN) ? gen : pf).put(r.<Long>getAs(JetSchema.EVENT_ID),
                    r.getList(r.fieldIndex(JetSchema.JETS)));
        }
        List<Double> ratios = new ArrayList<>();
        gen.forEach((id, genJets) -> {
            for (Row g : genJets) {
                double pt = g.<Double>getAs("pt");
                double eta = g.<Double>getAs("eta");
                if (pt < 40 || Math.abs(eta) > 2.5) {
                    continue;
                }
                double best = 0.1;
                Row match = null;
                for (Row p : pf.getOrDefault(id, List.of())) {
                    double dr = Kinematics.deltaR(eta, g.<Double>getAs("phi"), p.<Double>getAs("eta"),
                            p.<Double>getAs("phi"));
                    if (dr < best) {
                        best = dr;
                        match = p;
                    }
                }
                if (match != null) {
                    ratios.add(match.<Double>getAs("pt") / pt);
                }
            }
        });
        Collections.sort(ratios);
        assertTrue(ratios.size() > 60, "enough matched jets above 40 GeV: " + ratios.size());
        double median = ratios.get(ratios.size() / 2);
        double iqr = ratios.get(3 * ratios.size() / 4) - ratios.get(ratios.size() / 4);
        assertTrue(median > 0.85 && median < 1.15, "PF jet response (median reco/gen pT, gen pT > 40): " + median);
        assertTrue(iqr / median < 0.4, "PF jet resolution (IQR/median): " + iqr / median);
    }

    @Test
    void generatorTargetsCaptureMostOfTheVisibleEnergyOfTtbar() {
        Sample ttbar = Samples.byName("ttbar");
        Reconstruction reco = new Reconstruction(ReconstructionConfig.defaults());
        GenEvent gen = new GenEvent();
        NtupleEvent out = new NtupleEvent(0, "ttbar");
        double worst = 1;
        for (int i = 0; i < 20; i++) {
            long seed = EventSeeds.seed(5, "ttbar", i);
            SplittableRandom rng = new SplittableRandom(seed);
            ttbar.generate(rng, 55 + rng.nextInt(21), gen.reset());
            reco.process(gen, seed, out.reset(i, "ttbar"));
            worst = Math.min(worst, reco.lastTargetStats().assignedFractionInAcceptance());
        }
        assertTrue(worst > 0.95, "ygen assigns at least 95 % of the visible energy within |eta| < 5 in every event: "
                + worst);
    }
}
