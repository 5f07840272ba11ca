package org.descentlab.problem;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import org.descentlab.analysis.NewtonMethod;
import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.Adam;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.Sgd;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Every deterministic problem with its loss re-written in NDArray operations (for DJL autograd), the
 * points at which derivatives are compared, and the method that should reach its optimum.
 */
final class ProblemCases {

    /** The loss as NDArray operations on a float64 parameter vector {@code w}. */
    interface NdLoss {
        NDArray apply(NDManager m, NDArray w);
    }

    /** How to reach the optimum: a method and the distance to the optimum it must end within. */
    record Reach(String description, Function<Problem, Trajectory> run, double tolerance) {}

    record Case(String id, Problem problem, NdLoss loss, List<double[]> points, Reach reach) {
        @Override
        public String toString() {
            return id;
        }
    }

    private ProblemCases() {}

    static Reach newton(int steps, double tolerance) {
        return new Reach("Newton alpha=1, " + steps + " steps",
                p -> NewtonMethod.run(p, 1.0, p.start(), steps), tolerance);
    }

    static Reach optimizer(String description, java.util.function.Supplier<DescentOptimizer> make, int steps,
            double tolerance) {
        return new Reach(description + ", " + steps + " steps", p -> {
            try (DescentOptimizer o = make.get()) {
                return TrajectoryRunner.run(p, o, steps);
            }
        }, tolerance);
    }

    /** The start and three seeded points around it (Gaussian, scale 0.3 max(1, |start|)). */
    static List<double[]> pointsNear(Problem p, long seed) {
        List<double[]> pts = new ArrayList<>();
        double[] s = p.start();
        pts.add(s);
        Random rng = new Random(seed);
        for (int k = 0; k < 3; k++) {
            double[] q = s.clone();
            for (int i = 0; i < q.length; i++) {
                q[i] += 0.3 * Math.max(1, Math.abs(s[i])) * rng.nextGaussian();
            }
            pts.add(q);
        }
        return pts;
    }

    static NDArray at(NDArray w, int i) {
        return w.get(i);
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();

        Rosenbrock rosen = new Rosenbrock();
        cases.add(new Case("rosenbrock", rosen, (m, w) -> {
            NDArray x = at(w, 0);
            NDArray y = at(w, 1);
            return x.neg().add(1).square().add(y.sub(x.square()).square().mul(100));
        }, pointsNear(rosen, 1), newton(10, 1e-12)));

        DiagonalQuadratic diag = new DiagonalQuadratic(new double[] {1, 10, 100}, new double[] {1, -2, 0.5});
        cases.add(new Case("diagonal-quadratic", diag,
                (m, w) -> w.square().mul(m.create(new double[] {1, 10, 100})).sum().mul(0.5),
                pointsNear(diag, 2), newton(1, 1e-14)));

        SigmoidFit sig = new SigmoidFit();
        cases.add(new Case("sigmoid-fit", sig, (m, w) -> {
            NDArray z = m.create(sig.x()).mul(at(w, 0)).add(at(w, 1));
            return Activation.sigmoid(z).sub(m.create(sig.y())).square().mean();
        }, pointsNear(sig, 3), optimizer("SGD lr=1", () -> Sgd.of(1.0), 8000, 1e-4)));

        Quadratic rot = Quadratic.rotated2d(1, 20, 0.5, new double[] {1, -2}, null);
        cases.add(new Case("quadratic-2d", rot, quadraticLoss(rot), pointsNear(rot, 4), newton(1, 1e-13)));

        Quadratic rand = Quadratic.randomRotation(new double[] {0.5, 1, 3, 10, 40}, 7, new double[] {1, 0, -1, 2, 0.5}, null);
        cases.add(new Case("quadratic-5d", rand, quadraticLoss(rand), pointsNear(rand, 5), newton(1, 1e-12)));

        NoisyQuadratic noisy = new NoisyQuadratic();
        cases.add(new Case("noisy-quadratic", noisy, (m, w) -> {
            double[][] a = noisy.matrix();
            NDArray d = w.sub(m.create(noisy.points()));
            return d.matMul(m.create(a)).mul(d).sum().div(2.0 * noisy.dataSize());
        }, pointsNear(noisy, 6), newton(1, 1e-13)));

        Banana banana = new Banana();
        cases.add(new Case("banana", banana, (m, w) -> {
            NDArray x = at(w, 0);
            NDArray u = at(w, 1).mul(3).sub(x.square());
            return x.neg().add(1).square().add(u.square().mul(20));
            // Pure Newton fails at the default start (-1, 1): the Hessian there is indefinite.
        }, pointsNear(banana, 7), optimizer("Adam lr=0.01", () -> Adam.of(0.01), 10000, 1e-6)));

        Saddle quartic = new Saddle(Saddle.Variant.QUARTIC, null);
        cases.add(new Case("saddle-quartic", quartic, (m, w) -> {
            NDArray x = at(w, 0);
            NDArray y = at(w, 1);
            return x.square().sub(y.square()).add(y.pow(4).mul(0.5));
        }, pointsNear(quartic, 8), optimizer("SGD lr=0.1", () -> Sgd.of(0.1), 500, 1e-12)));

        Saddle plain = new Saddle();
        cases.add(new Case("saddle", plain, (m, w) -> at(w, 0).square().sub(at(w, 1).square()),
                pointsNear(plain, 9), null));

        Beale beale = new Beale();
        cases.add(new Case("beale", beale, (m, w) -> {
            NDArray x = at(w, 0);
            NDArray y = at(w, 1);
            NDArray t1 = x.neg().add(1.5).add(x.mul(y));
            NDArray t2 = x.neg().add(2.25).add(x.mul(y.square()));
            NDArray t3 = x.neg().add(2.625).add(x.mul(y.pow(3)));
            return t1.square().add(t2.square()).add(t3.square());
        }, pointsNear(beale, 10), optimizer("Adam lr=0.01", () -> Adam.of(0.01), 10000, 1e-6)));

        Himmelblau himmel = new Himmelblau();
        cases.add(new Case("himmelblau", himmel, (m, w) -> {
            NDArray x = at(w, 0);
            NDArray y = at(w, 1);
            return x.square().add(y).sub(11).square().add(x.add(y.square()).sub(7).square());
        }, pointsNear(himmel, 11), optimizer("SGD lr=0.01", () -> Sgd.of(0.01), 1000, 1e-12)));

        LinearRegression lin = LinearRegression.deckTable();
        cases.add(new Case("linear-regression", lin, linearLoss(lin), pointsNear(lin, 12), newton(1, 1e-6)));
        LinearRegression std = lin.standardized().problem();
        cases.add(new Case("linear-regression-standardized", std, linearLoss(std), pointsNear(std, 13),
                newton(1, 1e-12)));
        LinearRegression mixed = LinearRegression.mixedScales();
        cases.add(new Case("linear-regression-mixed", mixed, linearLoss(mixed), pointsNear(mixed, 14),
                newton(1, 1e-9)));

        for (TwoUnitNetwork.Activation act : TwoUnitNetwork.Activation.values()) {
            TwoUnitNetwork net = new TwoUnitNetwork(act, null);
            cases.add(new Case(net.name(), net, (m, w) -> {
                NDArray x = m.create(net.inputs());
                Function<NDArray, NDArray> s = act == TwoUnitNetwork.Activation.SIGMOID
                        ? Activation::sigmoid : Activation::relu;
                NDArray y = s.apply(x.mul(at(w, 0))).mul(at(w, 2)).add(s.apply(x.mul(at(w, 1))).mul(at(w, 3)));
                return y.sub(m.create(net.targets())).square().sum().div(2.0 * net.inputs().length);
            }, pointsNear(net, 15), null));
        }
        return cases;
    }

    private static NdLoss quadraticLoss(Quadratic q) {
        return (m, w) -> {
            int n = q.dimension();
            NDArray a = m.create(q.matrix());
            NDArray aw = a.matMul(w.reshape(new Shape(n, 1))).reshape(new Shape(n));
            return aw.mul(w).sum().mul(0.5).add(m.create(q.linear()).mul(w).sum());
        };
    }

    private static NdLoss linearLoss(LinearRegression lr) {
        return (m, w) -> {
            double[][] x = lr.inputs();
            int n = x.length;
            int d = x[0].length;
            NDArray weights = w.get("0:" + d).reshape(new Shape(d, 1));
            NDArray pred = m.create(x).matMul(weights).reshape(new Shape(n)).add(at(w, d));
            return pred.sub(m.create(lr.targets())).square().sum().div(2.0 * n);
        };
    }
}
