package org.mlpf.validate;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One offending value: where it is (file, event, field path such as {@code elements[3].eta}), what it is and
 * which rule it breaks.
 */
public record Violation(String file, long eventId, String field, String value, String rule)
        implements Serializable, Comparable<Violation> {
    private static final long serialVersionUID = 1L;

    private static final Comparator<Violation> ORDER = Comparator.comparing(Violation::file)
            .thenComparingLong(Violation::eventId).thenComparing(Violation::field);

    @Override
    public int compareTo(Violation o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return file + ": event " + eventId + ": " + field + " = " + value + ": " + rule;
    }
}
