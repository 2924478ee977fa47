package org.mlpf.jets;

/**
 * The smallest of a changing set of numbers, as FastJet's {@code MinHeap}: a complete binary tree in an array
 * where entry i keeps its value and the position of the smallest value in its subtree (children at 2i+1 and
 * 2i+2). Updating one value walks up the tree: O(log N). Ties keep the position already recorded (strict
 * comparisons), which is what makes the clustering order of equal distances identical to FastJet's.
 */
final class MinHeap {
    private final double[] value;
    private final int[] minLoc;
    /** value[minLoc[i]], kept alongside to save a dependent load in every comparison. */
    private final double[] minValue;
    private final int size;

    /** A heap holding {@code values[0..n)}. */
    MinHeap(double[] values, int n) {
        this.size = n;
        this.value = new double[n];
        this.minLoc = new int[n];
        this.minValue = new double[n];
        for (int i = 0; i < n; i++) {
            value[i] = values[i];
            minLoc[i] = i;
            minValue[i] = values[i];
        }
        for (int i = n - 1; i > 0; i--) {
            int parent = (i - 1) / 2;
            if (minValue[i] < minValue[parent]) {
                minLoc[parent] = minLoc[i];
                minValue[parent] = minValue[i];
            }
        }
    }

    /** Position of the smallest value. */
    int minLoc() {
        return minLoc[0];
    }

    /** The smallest value. */
    double minVal() {
        return minValue[0];
    }

    /** Takes position {@code loc} out of consideration (its value becomes the largest double). */
    void remove(int loc) {
        update(loc, Double.MAX_VALUE);
    }

    /** Sets the value at {@code loc}. */
    void update(int loc, double newValue) {
        int start = loc;
        if (minLoc[start] != start && !(newValue < minValue[start])) {
            // The subtree minimum is elsewhere and stays smaller: nothing above points here, nothing can change.
            value[start] = newValue;
            return;
        }
        value[start] = newValue;
        minLoc[start] = start;
        minValue[start] = newValue;
        boolean changeMade = true;
        int here = loc;
        while (changeMade) {
            changeMade = false;
            if (minLoc[here] == start) {
                minLoc[here] = here;
                minValue[here] = value[here];
                changeMade = true;
            }
            int c = 2 * here + 1;
            if (c < size && minValue[c] < minValue[here]) {
                minLoc[here] = minLoc[c];
                minValue[here] = minValue[c];
                changeMade = true;
            }
            c++;
            if (c < size && minValue[c] < minValue[here]) {
                minLoc[here] = minLoc[c];
                minValue[here] = minValue[c];
                changeMade = true;
            }
            if (here == 0) {
                break;
            }
            here = (here - 1) / 2;
        }
    }
}
