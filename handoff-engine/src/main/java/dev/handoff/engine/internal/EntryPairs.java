package dev.handoff.engine.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The pairs of a report entry, in the order they were added, for {@code ReportEntry.from}, which
 * copies them into a map of its own. Every attempt publishes one: a hash map built only to be
 * copied would cost each test its nodes and table. Read-only as a {@link Map}; keys are distinct.
 */
final class EntryPairs extends AbstractMap<String, String> {

    private String[] pairs = new String[2 * 8];
    private int size;

    /** Adds a pair; its key must not be in the entry yet. */
    EntryPairs add(String key, String value) {
        if (2 * size == pairs.length) {
            pairs = Arrays.copyOf(pairs, 2 * pairs.length);
        }
        pairs[2 * size] = key;
        pairs[2 * size + 1] = value;
        size++;
        return this;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(pairs[2 * i], pairs[2 * i + 1]);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> entry = Map.entry(pairs[2 * next], pairs[2 * next + 1]);
                        next++;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
