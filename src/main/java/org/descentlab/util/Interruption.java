package org.descentlab.util;

import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Stopping long loops when their thread is interrupted. The JJava kernel's stop button (a Jupyter
 * interrupt) cancels the cell's task, which interrupts the thread running it but cannot end the
 * loop: a training or trajectory loop that ignored the flag would keep computing in the background
 * and hold its native memory. The loops call {@link #check} once per update, which costs a field read.
 */
public final class Interruption {

    private Interruption() {}

    /**
     * Throws when the current thread was interrupted, clearing the flag so the kernel's next cell
     * starts clean; {@code where} (e.g. "training 'adam' at epoch 3, batch 120/843") goes into the
     * message and is only computed then.
     *
     * @throws CancellationException naming {@code where}
     */
    public static void check(Supplier<String> where) {
        if (Thread.interrupted()) {
            throw new CancellationException("interrupted: " + where.get() + " stopped");
        }
    }
}
