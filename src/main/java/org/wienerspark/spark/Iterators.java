package org.wienerspark.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Predicate;

/** Lazy iterator adapters for partition functions: one element in memory at a time. */
public final class Iterators {

    private Iterators() {
    }

    /** The elements of an iterator that pass a test, lazily. */
    public static <T> Iterator<T> filter(Iterator<T> it, Predicate<T> keep) {
        return new Iterator<>() {
            private T next;

            @Override
            public boolean hasNext() {
                while (next == null && it.hasNext()) {
                    T candidate = it.next();
                    if (keep.test(candidate)) {
                        next = candidate;
                    }
                }
                return next != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T t = next;
                next = null;
                return t;
            }
        };
    }

    /** An iterator's elements transformed one at a time, lazily. */
    public static <T, R> Iterator<R> map(Iterator<T> it, Function<T, R> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public R next() {
                return f.apply(it.next());
            }
        };
    }
}
