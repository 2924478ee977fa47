package org.mlpf.model;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.ElementFeature;

/**
 * The MLPF loss (docs/model.md; Pata et al., Eur. Phys. J. C 81 (2021) 381), per element and summed over the real
 * elements of an event, then averaged over the events of the batch; the regression terms count only the elements
 * whose target is a particle (class != 0), as in particleflow's later PyTorch loss:
 * <pre>
 *   100  * focal(logits, cls)                  focal loss, alpha 0.25, gamma 2, on the softmax probabilities
 *   0.01 * (charge - charge')^2
 *   1e-4 * Huber_1(pt - pt')                   GeV
 *   100  * Huber_0.1(eta - eta')
 *   10   * Huber_0.1(sin phi - sin phi') + 10 * Huber_0.1(cos phi - cos phi')
 *   1e-4 * Huber_1(E - E')                     GeV
 * </pre>
 * (the {@link Momentum#ABSOLUTE ACAT 2021 momentum terms}) or, with {@link Momentum#LOG}, the pt and energy terms on
 * the logarithm of the momentum (docs/physics.md):
 * <pre>
 *   100  * Huber_0.1(ln pt - ln pt')
 *   10   * Huber_0.1(ln E - ln E')             predictions floored at 1 MeV before the logarithm
 * </pre>
 * A 1 GeV error costs the same on a 2 GeV and a 200 GeV particle under the absolute terms, so their weight that keeps
 * the hard particles from dominating leaves the typical particle's momentum almost unconstrained; on the logarithm a
 * relative error costs the same at every pt, and the best constant is the median of the ratio, not biased low as a
 * residual divided by the target would be.
 * With {@code focal = sum_c [t_c alpha (1-p_c)^gamma (-log p_c) + (1-t_c) (1-alpha) p_c^gamma (-log(1-p_c))]} over
 * the one-hot target t (TensorFlow Addons' {@code sigmoid_focal_crossentropy} on softmax outputs, as the reference;
 * {@code 1 - p} is floored at 1e-7 like Keras) and {@code Huber_d(a) = a^2/2} for {@code |a| <= d}, else
 * {@code d (|a| - d/2)}.
 *
 * <p>Written by hand from differentiable NDArray operations, every constant a native 0-d array (docs/model.md: Java
 * numbers in {@code mul}/{@code pow}/{@code minimum} corrupt gradients in DJL's PyTorch engine).
 *
 * <p>With {@link Weights#ptWeight} P0 > 0, an element counts {@code clip(p / P0, 1, 10)} times in every term, p its
 * target's pT (its own pT if it has no particle): the jets and MET are made of the hard particles, which are few
 * among the pileup elements that a per-element loss otherwise weighs alike.
 *
 * <p>Shapes: labels {@code NDList(y (B, N, 7), mask (B, N)[, element pt (B, N)])} ({@link #labels}), predictions
 * {@code NDList(logits (B, N, 8), regression (B, N, 6))} from {@link PfNetDense}; {@link #terms} returns seven 0-d arrays in {@link #TERM_NAMES}
 * order, already weighted; {@link #evaluate} their sum.
 */
public final class MlpfLoss extends Loss {
    /** Names of the loss terms, in the order of {@link #terms}. */
    public static final List<String> TERM_NAMES = List.of("cls", "charge", "pt", "eta", "sin_phi", "cos_phi",
            "energy");

    private final Weights weights;
    private final double alpha;
    private final double gamma;

    /**
     * Weights and Huber deltas of the terms.
     *
     * @param cls      weight of the focal loss (100)
     * @param charge   weight of the charge squared error (0.01)
     * @param pt       weight of the pt Huber term (1e-4; 100 on the logarithm)
     * @param eta      weight of the eta Huber term (100)
     * @param sinPhi   weight of the sin phi Huber term (10)
     * @param cosPhi   weight of the cos phi Huber term (10)
     * @param energy   weight of the energy Huber term (1e-4; 10 on the logarithm)
     * @param deltaPt  Huber delta of pt (1 GeV; 0.1 on the logarithm)
     * @param deltaEta Huber delta of eta (0.1)
     * @param deltaPhi Huber delta of sin and cos phi (0.1)
     * @param deltaE   Huber delta of energy (1 GeV; 0.1 on the logarithm)
     * @param momentum whether the pt and energy terms take the difference in GeV or of the logarithms
     * @param ptWeight the scale P0 (GeV) of the per-element weights: an element whose reference pT is p counts
     *                 {@code clip(p / P0, 1, }{@value #MAX_PT_WEIGHT}{@code )} times in every term (the reference pT:
     *                 the target's for an element with a particle, the element's own otherwise); 0: every element
     *                 counts once
     */
    public record Weights(double cls, double charge, double pt, double eta, double sinPhi, double cosPhi,
            double energy, double deltaPt, double deltaEta, double deltaPhi, double deltaE, Momentum momentum,
            double ptWeight) implements Serializable {
        private static final long serialVersionUID = 2L;

        /** The largest per-element weight of {@link #ptWeight}. */
        public static final double MAX_PT_WEIGHT = 10;

        public Weights {
            if (!(ptWeight >= 0) || Double.isInfinite(ptWeight)) {
                throw new IllegalArgumentException("ptWeight must be a finite number >= 0 GeV, got " + ptWeight);
            }
        }

        /** A copy with the per-element weight scale {@code p0} (GeV; 0: off). */
        public Weights withPtWeight(double p0) {
            return new Weights(cls, charge, pt, eta, sinPhi, cosPhi, energy, deltaPt, deltaEta, deltaPhi, deltaE,
                    momentum, p0);
        }

        /** The ACAT 2021 weights (particleflow {@code parameters/cms.yaml}): absolute pt and energy in GeV. */
        public static Weights acat2021() {
            return new Weights(100, 0.01, 1e-4, 100, 10, 10, 1e-4, 1, 0.1, 0.1, 1, Momentum.ABSOLUTE, 0);
        }

        /** The ACAT 2021 weights with the pt and energy terms on the logarithm ({@link Momentum#LOG}). */
        public static Weights logMomentum() {
            return new Weights(100, 0.01, 100, 100, 10, 10, 10, 0.1, 0.1, 0.1, 0.1, Momentum.LOG, 0);
        }

        /** The weights {@code name} ({@link Momentum#configName}) stands for. */
        public static Weights named(String name) {
            return Momentum.of(name) == Momentum.LOG ? logMomentum() : acat2021();
        }
    }

    /** How the pt and energy terms measure a momentum error. */
    public enum Momentum {
        /** Huber of the difference in GeV (ACAT 2021). */
        ABSOLUTE,
        /** Huber of the difference of the natural logarithms: a relative error. */
        LOG;

        /** The name in configurations: {@code absolute} or {@code log}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The value named {@code name} ({@link #configName}). */
        public static Momentum of(String name) {
            for (Momentum m : values()) {
                if (m.configName().equals(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown momentum loss '" + name + "': absolute or log");
        }
    }

    /** Predictions are floored at this momentum (GeV) before the logarithm of {@link Momentum#LOG}. */
    static final float LOG_FLOOR = 1e-3f;

    /** The loss of docs/model.md: ACAT 2021 weights, focal alpha 0.25, gamma 2. */
    public MlpfLoss() {
        this(Weights.acat2021());
    }

    /** The loss with {@code weights}, focal alpha 0.25, gamma 2. */
    public MlpfLoss(Weights weights) {
        this(weights, 0.25, 2.0);
    }

    /**
     * @param weights term weights and Huber deltas
     * @param alpha   focal loss alpha
     * @param gamma   focal loss gamma
     */
    public MlpfLoss(Weights weights, double alpha, double gamma) {
        super("mlpf_loss");
        this.weights = weights;
        this.alpha = alpha;
        this.gamma = gamma;
    }

    /**
     * The labels of {@link #terms} for a batch: the targets, the mask of real elements (those with a non-zero
     * {@code typ_idx}) and the elements' own pT (for {@link Weights#ptWeight}).
     *
     * @param x raw features {@code (B, N, 25)}
     * @param y targets {@code (B, N, 7)}
     */
    public static NDList labels(NDArray x, NDArray y) {
        NDArray mask = x.get("..., 0").neq(0).toType(DataType.FLOAT32, false);
        int pt = ElementFeature.PT.ordinal();
        return new NDList(y, mask, x.get("..., " + pt));
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return NDArrays.add(terms(labels, predictions).toArray(new NDArray[0]));
    }

    /** The seven weighted terms (0-d arrays), in {@link #TERM_NAMES} order; their sum is the loss. */
    public NDList terms(NDList labels, NDList predictions) {
        NDArray y = labels.get(0);
        NDArray mask = labels.get(1);
        NDArray logits = predictions.get(0);
        NDArray reg = predictions.get(1);
        double events = y.getShape().get(0);

        NDArray target = y.get("..., 0").toType(DataType.INT64, false).oneHot(ParticleClass.COUNT)
                .toType(logits.getDataType(), false);
        NDArray logP = logits.logSoftmax(-1);
        NDArray p = logP.exp();
        NDArray oneMinusP = p.neg().add(1);
        NDArray log1mP = oneMinusP.clip(1e-7f, 1f).log();
        NDArray a = Nd.scalar(p, alpha);
        NDArray g = Nd.scalar(p, gamma);
        NDArray positive = oneMinusP.clip(0f, 1f).pow(g).mul(logP.neg()).mul(a);
        NDArray negative = p.pow(g).mul(log1mP.neg()).mul(Nd.scalar(p, 1 - alpha));
        NDArray focal = negative.add(target.mul(positive.sub(negative))).sum(new int[] {-1});

        NDArray d = reg.sub(y.get("..., 1:7"));
        NDArray dPt = d.get("..., 1");
        NDArray dE = d.get("..., 5");
        if (weights.momentum() == Momentum.LOG) {
            dPt = logRatio(reg.get("..., 1"), y.get("..., 2"));
            dE = logRatio(reg.get("..., 5"), y.get("..., 6"));
        }
        NDArray charge = d.get("..., 0").square();
        // An element without a target particle (class 0) has no momentum to regress: its all-zero target row is a
        // placeholder. Counting it would teach the network to pull every uncertain element's pt, eta and phi
        // towards 0, which shifts and shrinks the candidates it does make.
        NDArray hasParticle = y.get("..., 0").neq(0).toType(mask.getDataType(), false);
        NDArray particle = mask.mul(hasParticle);
        if (weights.ptWeight() > 0) {
            if (labels.size() < 3) {
                throw new IllegalArgumentException("a pt-weighted loss needs the elements' pT as its third label "
                        + "(MlpfLoss.labels)");
            }
            NDArray elementPt = labels.get(2);
            NDArray targetPt = y.get("..., 2");
            NDArray reference = elementPt.add(hasParticle.mul(targetPt.sub(elementPt)));
            NDArray w = reference.div(Nd.scalar(reference, weights.ptWeight()))
                    .clip(1f, (float) Weights.MAX_PT_WEIGHT);
            mask = mask.mul(w);
            particle = particle.mul(w);
        }
        NDList terms = new NDList(7);
        terms.add(reduce(focal, mask, weights.cls(), events));
        terms.add(reduce(charge, particle, weights.charge(), events));
        terms.add(reduce(huber(dPt, weights.deltaPt()), particle, weights.pt(), events));
        terms.add(reduce(huber(d.get("..., 2"), weights.deltaEta()), particle, weights.eta(), events));
        terms.add(reduce(huber(d.get("..., 3"), weights.deltaPhi()), particle, weights.sinPhi(), events));
        terms.add(reduce(huber(d.get("..., 4"), weights.deltaPhi()), particle, weights.cosPhi(), events));
        terms.add(reduce(huber(dE, weights.deltaE()), particle, weights.energy(), events));
        return terms;
    }

    /**
     * {@code ln(max(predicted, floor)) - ln(max(target, floor))}: the target of an element without a particle is 0
     * (masked out afterwards, but it must not give an infinity that the mask turns into NaN).
     */
    static NDArray logRatio(NDArray predicted, NDArray target) {
        return predicted.clip(LOG_FLOOR, Float.MAX_VALUE).log().sub(target.clip(LOG_FLOOR, Float.MAX_VALUE).log());
    }

    /** The weights of the terms. */
    public Weights weights() {
        return weights;
    }

    /** Huber loss of residuals {@code r}: r^2/2 within delta, linear beyond; element-wise. */
    static NDArray huber(NDArray r, double delta) {
        NDArray abs = r.abs();
        // clip with a number is safe (no saved Java buffer); min(|r|, delta) = clip(|r|, 0, delta)
        NDArray q = abs.clip(0f, (float) delta);
        return q.square().mul(Nd.scalar(r, 0.5)).add(abs.sub(q).mul(Nd.scalar(r, delta)));
    }

    /** Masked sum over elements, mean over events, times the weight: a 0-d array. */
    private static NDArray reduce(NDArray perElement, NDArray mask, double weight, double events) {
        return perElement.mul(mask).sum().mul(Nd.scalar(perElement, weight / events));
    }
}
