package org.descentlab.plot;

/**
 * Makes AWT headless unless the application chose otherwise. Figures only ever paint into
 * off-screen images, so they need no display; setting {@code java.awt.headless=true} before AWT
 * starts keeps a notebook kernel or CI job from trying to reach an X server. The property has no
 * effect once AWT has started; rendering into images works either way.
 */
final class Headless {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Headless() {}

    /** Runs the static set-up above (once). */
    static void ensure() {
        // class initialisation does the work
    }
}
