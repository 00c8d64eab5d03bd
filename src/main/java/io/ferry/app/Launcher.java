package io.ferry.app;

/** Entry point placeholder; replaced by the real wiring. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        System.out.println("Ferry");
    }
}
