package dev.klaxon.slo;

/** An SLO objective is a percentage strictly between 0 and 100: 100 % leaves no budget, 0 % no objective. */
final class Objective {

    private Objective() {}

    static void check(double objective) {
        if (!(objective > 0 && objective < 100)) {
            throw new IllegalArgumentException("objective must be above 0 and below 100 percent, got " + objective);
        }
    }
}
