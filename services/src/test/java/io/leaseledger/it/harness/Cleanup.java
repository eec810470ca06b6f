package io.leaseledger.it.harness;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Last line of defence: what a test created (namespaces, child processes) is undone by a JVM
 * shutdown hook if the test itself could not undo it (an exception in teardown, a Ctrl-C, a
 * failsafe timeout). Actions run newest first, so children die before their namespace goes.
 */
final class Cleanup {
    private static final Deque<Action> PENDING = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::runAll, "llt-cleanup"));
    }

    private Cleanup() {}

    /** An undo action; {@link #run()} runs it once and forgets it. */
    static final class Action {
        private final String what;
        private final Runnable undo;
        private boolean done;

        private Action(String what, Runnable undo) {
            this.what = what;
            this.undo = undo;
        }

        void run() {
            synchronized (PENDING) {
                if (done) {
                    return;
                }
                done = true;
                PENDING.remove(this);
            }
            try {
                undo.run();
            } catch (RuntimeException e) {
                System.err.println("llt cleanup: " + what + " failed: " + e);
            }
        }
    }

    static Action register(String what, Runnable undo) {
        Action action = new Action(what, undo);
        synchronized (PENDING) {
            PENDING.push(action);
        }
        return action;
    }

    private static void runAll() {
        while (true) {
            Action next;
            synchronized (PENDING) {
                next = PENDING.peek();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }
}
