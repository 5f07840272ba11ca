package org.descentlab.exercise;

import java.util.Locale;

/**
 * What a check concluded: passed, a problem with running the code, or one of the usual mistakes,
 * recognised because the student's values match a known-wrong variant of the reference.
 */
public enum Diagnosis {
    PASSED("Passed", "Your values agree with the reference."),

    // running the code
    NULL_IMPLEMENTATION("No implementation",
            "The check received null: pass your implementation (the variable your cell defined)."),
    WRONG_TYPE("Wrong kind of implementation", "This exercise expects a different interface."),
    NOT_IMPLEMENTED("Not yet implemented",
            "Your code still throws UnsupportedOperationException: replace the `throw` line with your code."),
    EXCEPTION("Your code threw an exception", "See the exception and your lines it passed through."),
    NULL_OUTPUT("Returned null", "Return an array with one value per coordinate."),
    WRONG_LENGTH("Wrong array length", "Return (or keep) one value per coordinate."),
    NAN_OUTPUT("NaN or infinity",
            "A value became NaN or infinite: look for 0/0, the square root of a negative number, or a"
                    + " hyper-parameter this exercise does not set (those are NaN)."),
    NOT_IN_PLACE("Parameters not updated",
            "`w` never changed: update the array you were given in place (w[i] = ..., not w = new double[...])."),
    INPUT_MODIFIED("An input was modified",
            "Your code changed an array it should only read (the gradient, the observation or the point w)."),
    UNKNOWN("Values differ",
            "No usual mistake matches your values exactly: compare your code with the formula line by line,"
                    + " starting at the first difference above."),

    // optimizers
    WRONG_SIGN("Wrong sign (gradient ascent)",
            "Your update moves along +gradient: the loss goes up. Descent subtracts the gradient."),
    EMA_INSTEAD_OF_HEAVY_BALL("EMA momentum instead of heavy ball",
            "You scaled the gradient by (1 - beta) in the velocity. Heavy-ball momentum (CTU DLE L7) adds the full"
                    + " gradient, v = beta v - g; EMA momentum (TTIC 31230) is the same method with learning rate"
                    + " (1 - beta) lr."),
    HEAVY_BALL_INSTEAD_OF_EMA("Heavy-ball sum instead of an average",
            "You added x without the (1 - beta) (here 1/N) factor: that is a heavy-ball sum whose scale grows"
                    + " to N times the input, not an average."),
    NO_MOMENTUM("No momentum",
            "Your steps are plain gradient descent: the velocity is not carried over between steps."),
    STATE_UPDATED_AFTER_USE("State updated after it is used",
            "You used the old value of the state (velocity or averages) in the step and updated it afterwards:"
                    + " the formula updates the state first and steps with the new value."),
    WEIGHT_DECAY_MISSING("Weight decay ignored", "With weightDecay > 0 your update is the one without decay."),
    COUPLED_WEIGHT_DECAY("Coupled instead of decoupled weight decay",
            "You added weightDecay * w to the gradient (L2, as Adam does), so the decay passed through the"
                    + " moving averages and was normalised. AdamW (CTU DLE L7) decouples it: w = w - lr * weightDecay"
                    + " * w, separately from the Adam step."),
    DECOUPLED_WEIGHT_DECAY("Decoupled instead of coupled weight decay",
            "You shrank w directly (w -= lr * weightDecay * w). Here weight decay is coupled, as torch's SGD and"
                    + " RMSprop do it: add weightDecay * w to the gradient first."),
    NESTEROV_LOOKAHEAD_MISSING("Nesterov look-ahead missing (plain momentum)",
            "You took the gradient at w, which is heavy-ball momentum. Nesterov takes it at the look-ahead point"
                    + " w + lr * v (CTU DLE L7)."),
    EPS_INSIDE_SQRT("eps inside the square root",
            "You divided by sqrt(s + eps); this exercise (torch, CTU DLE L7 and STAT 453 L12) divides by sqrt(s) + eps."
                    + " CSC413 L4 writes the other form: both exist, they differ when s is small."),
    SQRT_MISSING("Square root missing", "You divided by s + eps (or v + eps) instead of sqrt(s) + eps."),
    G_INSTEAD_OF_G_SQUARED("Average of g instead of g^2",
            "Your running average accumulates the gradient, not its square: the denominator must be the root of"
                    + " the mean SQUARE gradient (which is never negative)."),
    DECAY_RATE_SWAPPED("Decay and rate swapped",
            "You weighted the old average by (1 - beta) and the new value by beta: the old average keeps the"
                    + " large weight beta."),
    MISSING_BIAS_CORRECTION("Missing bias correction",
            "Your averages are used as they are; early steps are then biased towards 0. Divide m by 1 - beta1^t"
                    + " and v by 1 - beta2^t."),
    BETAS_SWAPPED("beta1 and beta2 swapped",
            "You used beta2 for the gradient average and beta1 for the squared-gradient average."),
    BIAS_CORRECTION_STEP_OFF_BY_ONE("Bias correction uses the wrong step",
            "Your correction uses beta^(t-1) or beta^(t+1): t is 1 during the first step (s.t())."),
    RUNNING_MEAN_NOT_EMA("Running mean that never forgets",
            "You used 1/t for all t: that is the exact mean of all observations and stops tracking a moving"
                    + " average once t >> N. The slide's rate is 1/min(t, N)."),
    ADAM_STYLE_CORRECTION("Adam's bias correction instead of min(t, N)",
            "You divided the plain EMA by 1 - beta^t (torch's Adam). TTIC 31230 asks for the rate 1/min(t, N),"
                    + " which has the same purpose but different values."),
    STEP_OFF_BY_ONE("Step count off by one",
            "Your step count is shifted by one: s.t() is 1 for the first observation (the first step)."),

    // schedules
    SCHEDULE_OFF_BY_ONE("Schedule off by one step",
            "Your rate at step k is the reference's rate at step k + 1 or k - 1: lr(0, h) is the rate of the"
                    + " very first update."),
    HALF_CYCLE_AS_FULL_CYCLE("stepSize taken as the whole cycle",
            "stepSize is HALF a cycle (the rise); a full triangle lasts 2 * stepSize steps."),
    TRIANGLE_PHASE("Cycle starts at the wrong end",
            "The triangular cycle starts at baseLr at step 0 and rises to maxLr at step stepSize."),
    COSINE_NOT_SHIFTED("Cosine not shifted by the warm-up",
            "After the warm-up the cosine starts at its own step 0: use (step - warmup), not step."),
    COSINE_WRONG_LENGTH("Cosine over the wrong number of steps",
            "The cosine runs for total - warmup steps, from maxLr at step warmup to minLr at step total."),

    // finite differences
    ONE_SIDED_DIFFERENCE("One-sided instead of central difference",
            "(f(w + h e_i) - f(w)) / h (or the backward one) has error O(h); the central difference"
                    + " (f(w + h e_i) - f(w - h e_i)) / (2h) has error O(h^2), so it is far more accurate."),
    MISSING_FACTOR_TWO("Missing factor 2",
            "The central difference spans 2h: divide by 2h, not h (your values are twice the gradient)."),
    PERTURBS_ALL_COORDINATES("All coordinates perturbed at once",
            "Perturb one coordinate at a time (w + h e_i): moving every coordinate gives a directional"
                    + " derivative, the same number in every entry."),

    // stability
    UNSTABLE_LEARNING_RATE("Learning rate too large",
            "Gradient descent on a quadratic converges only if alpha < 2 / lambda_max."),
    NONPOSITIVE_LEARNING_RATE("Learning rate not positive", "Choose alpha > 0: with alpha <= 0 nothing converges."),
    USED_DIAGONAL("Diagonal entries used instead of eigenvalues",
            "Your alpha is below 2 / max(H_ii) but not below 2 / lambda_max: the diagonal of a rotated"
                    + " Hessian is not its spectrum. Use the eigenvalues (Hessians.eigen)."),
    USED_LAMBDA_MIN("Smallest eigenvalue used",
            "Your alpha is stable for the flattest direction only: the bound is set by the LARGEST eigenvalue,"
                    + " alpha < 2 / lambda_max."),
    // AdaBelief
    ADAM_SECOND_MOMENT("Adam's g^2 instead of the belief",
            "AdaBelief's second moment s averages (g - m)^2, how far the gradient is from its own average (the"
                    + " \"belief\"), not g^2 as Adam's v (STAT 453 L12, slide \"Algorithm 2: AdaBelief Optimizer\")."),
    EPS_ONLY_IN_DENOMINATOR("eps added only once",
            "Algorithm 2 adds eps twice: inside s (s = beta2 s + (1 - beta2) (g - m)^2 + eps) and in the"
                    + " denominator sqrt(s^) + eps. With gradients near eps in size the inner one matters."),
    BELIEF_WITH_OLD_MEAN("Belief measured from the previous m",
            "Use the new m (updated with this step's g) in (g - m)^2, as the slide does."),
    // clipping and weight decay
    DECAY_CLIPPED("Weight decay clipped with the gradient",
            "Clip the loss gradient first, then add weight decay: torch's clip_grad_norm_ runs before"
                    + " optimizer.step(), which adds weight_decay * w inside the step. Clipping g + lambda w"
                    + " shrinks the decay too whenever the norm is large."),
    CLIPPED_BY_VALUE("Clipped each coordinate instead of the norm",
            "Clipping by global norm rescales the whole gradient by one factor max_norm / (norm + 1e-6),"
                    + " keeping its direction; clamping each coordinate to [-max_norm, max_norm] changes it."),
    ALWAYS_RESCALED("Rescaled even below max_norm",
            "Only a gradient whose norm exceeds max_norm is scaled down: the factor is min(1, coef)."),
    CLIP_EPS_MISSING("Clip factor without torch's 1e-6",
            "torch (and the library) compute coef = max_norm / (total_norm + 1e-6)."),
    // temperature
    TEMPERATURE_MOMENTUM_MISSING("(1 - mu) factor missing",
            "With heavy-ball momentum mu the effective rate is eta / (1 - mu): keeping the temperature needs"
                    + " eta = (1 - mu) B eta0 (TTIC 31230, slide \"Heavy Ball Momentum\")."),
    TEMPERATURE_MOMENTUM_INVERTED("Divided by (1 - mu)",
            "Momentum multiplies the effective step by 1 / (1 - mu); compensating it means multiplying eta by"
                    + " (1 - mu), not dividing."),
    TEMPERATURE_BATCH_MISSING("Batch size missing",
            "eta0 is the rate per training example: a batch of B examples sums B of them, eta = (1 - mu) B eta0"
                    + " (TTIC 31230, slide \"Making Temperature Independent of Batch Size\")."),
    TEMPERATURE_SQRT_BATCH("sqrt(B) instead of B",
            "The square-root scaling belongs to Adam's eps (eps = eps0 sqrt(B)); for SGD the temperature stays"
                    + " fixed with eta proportional to B."),
    // ReduceLROnPlateau
    PLATEAU_PATIENCE_OFF_BY_ONE("Reduced one bad epoch early",
            "torch reduces when the number of bad epochs EXCEEDS patience (bad > patience): patience 2 tolerates"
                    + " two bad epochs and reduces at the third."),
    PLATEAU_COOLDOWN_COUNTED("Bad epochs counted during the cooldown",
            "During the cooldown (the `cooldown` epochs after a reduction) torch resets the bad-epoch count every"
                    + " epoch, so the count starts again only after the cooldown ends."),
    PLATEAU_THRESHOLD_IGNORED("Threshold ignored",
            "An improvement counts only if it beats the best by more than the threshold (relative: best * (1 -"
                    + " threshold) in mode min; absolute: best - threshold)."),
    PLATEAU_MODE_IGNORED("Mode max treated as min",
            "For an accuracy (mode max) larger is better: a rising accuracy must count as improvement. Feeding an"
                    + " accuracy to a min-mode scheduler reduces the rate while the model still improves."),
    PLATEAU_COUNT_NOT_RESET("Bad-epoch count not reset after a reduction",
            "Reset the count of bad epochs to 0 when the rate is reduced (and start the cooldown)."),
    PLATEAU_MIN_LR_IGNORED("minLr ignored", "The reduced rate is max(lr * factor, minLr): it never goes below minLr."),
    // SGD as a DJL Optimizer
    DJL_GRADIENT_NOT_ZEROED("Gradient not zeroed",
            "DJL's PyTorch engine ADDS each backward pass to the gradient already stored (as torch does without"
                    + " optimizer.zero_grad()), and DJL leaves zeroing to the optimizer. The grad argument is a copy"
                    + " (DJL's parameter server duplicates it): zero the weight's own gradient, try (NDArray g ="
                    + " weight.getGradient()) { g.muli(0); }. Otherwise step t uses the sum of all gradients so far."),
    DJL_TEMPORARIES_NOT_CLOSED("Temporaries not closed",
            "Every NDArray an operation returns (v.mul(lr), grad.add(...)) holds native memory until it is closed;"
                    + " inside update() that is thousands of arrays per epoch, kept until the model closes. Wrap the"
                    + " arithmetic in try (NDScope scope = new NDScope()) { ... } (or close each temporary); create"
                    + " the velocity buffers outside the scope, since they must outlive it."),
    DJL_STATE_SHARED("State keyed wrongly: one velocity for several parameters",
            "Keep one velocity per parameter, keyed by parameterId (and the device, if several): a key such as a"
                    + " constant, weight.getName() or the shape lets parameters share one buffer, which mixes their"
                    + " gradients (and fails when the shapes differ)."),
    DJL_STATE_LOST("State keyed wrongly: a new velocity every step",
            "The key must be the same at every step: parameterId is; the grad array (or its uid, or its hash) is a"
                    + " new object at every call, so the velocity starts from zero each time and momentum is lost."),
    WRONG_REGIME_COUNT("One regime per eigen-direction", "Give exactly one regime per eigenvalue."),
    REGIMES_REVERSED("Regimes in the wrong order",
            "List the regimes from the smallest eigenvalue to the largest (Hessians.eigen sorts them ascending)."),
    REGIME_THRESHOLD("Wrong regime",
            "The factor per step along eigen-direction i is 1 - alpha lambda_i: decay if alpha lambda_i <= 1"
                    + " (factor in [0, 1)), oscillate if 1 < alpha lambda_i <= 2 (factor in [-1, 0)), diverge if"
                    + " alpha lambda_i > 2 (CSC413 L4).");

    private final String title;
    private final String explanation;

    Diagnosis(String title, String explanation) {
        this.title = title;
        this.explanation = explanation;
    }

    /** A stable id such as {@code eps-inside-sqrt}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A short title. */
    public String title() {
        return title;
    }

    /** What it means and what to do. */
    public String explanation() {
        return explanation;
    }
}
