package io.ferry.cli;

import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Creates command objects for picocli. A command with a constructor whose parameters are all injectable types
 * ({@link CliContext} always; more if the app registers them) gets them; any other class is created as picocli
 * would (public no-argument constructor).
 */
public final class CliFactory implements CommandLine.IFactory {
    private final Map<Class<?>, Object> injectables = new LinkedHashMap<>();

    public CliFactory(CliContext context) {
        injectables.put(CliContext.class, context);
    }

    /** Makes {@code value} injectable into command constructors by its type. */
    public <T> CliFactory register(Class<T> type, T value) {
        injectables.put(type, value);
        return this;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
            Class<?>[] types = c.getParameterTypes();
            if (types.length == 0 || !injectables.keySet().containsAll(java.util.List.of(types))) {
                continue;
            }
            Object[] args = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                args[i] = injectables.get(types[i]);
            }
            c.setAccessible(true);
            return cls.cast(c.newInstance(args));
        }
        return CommandLine.defaultFactory().create(cls);
    }
}
