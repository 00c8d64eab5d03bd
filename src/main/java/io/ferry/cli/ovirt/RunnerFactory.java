package io.ferry.cli.ovirt;

import picocli.CommandLine;

/** Gives every oVirt / imageio command class the same runner (picocli creates the subcommands through it). */
final class RunnerFactory implements CommandLine.IFactory {
    private final TransferRunner runner;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    RunnerFactory(TransferRunner runner) {
        this.runner = runner;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        try {
            var c = cls.getDeclaredConstructor(TransferRunner.class);
            c.setAccessible(true);
            return c.newInstance(runner);
        } catch (NoSuchMethodException e) {
            return fallback.create(cls);
        }
    }
}
