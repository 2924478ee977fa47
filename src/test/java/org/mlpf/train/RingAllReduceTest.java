package org.mlpf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The TCP ring between threads of this JVM, on loopback. */
class RingAllReduceTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Listens for {@code w} ranks and returns them with their addresses. */
    private static List<RingAllReduce> listen(int w, long timeoutMillis) throws IOException {
        List<RingAllReduce> rings = new ArrayList<>();
        for (int r = 0; r < w; r++) {
            rings.add(RingAllReduce.listen("127.0.0.1", r, w, timeoutMillis));
        }
        return rings;
    }

    private static List<String> addresses(List<RingAllReduce> rings) throws IOException {
        List<String> a = new ArrayList<>();
        for (RingAllReduce r : rings) {
            a.add(r.address());
        }
        return a;
    }

    private static float[] random(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    /** Every rank connects and all-reduces its array; returns the arrays afterwards. */
    private List<float[]> reduce(List<RingAllReduce> rings, List<float[]> data, long token) throws Exception {
        List<String> addresses = addresses(rings);
        List<Future<float[]>> done = new ArrayList<>();
        for (int r = 0; r < rings.size(); r++) {
            RingAllReduce ring = rings.get(r);
            float[] d = data.get(r).clone();
            done.add(pool.submit(() -> {
                try (ring) {
                    ring.connect(addresses, token);
                    ring.allReduce(d);
                    ring.allReduce(new float[0]);
                    return d;
                }
            }));
        }
        List<float[]> out = new ArrayList<>();
        for (Future<float[]> f : done) {
            out.add(f.get(30, TimeUnit.SECONDS));
        }
        return out;
    }

    @Test
    void threeRanksSumTheirArraysAndEndBitIdentical() throws Exception {
        int n = 1001;
        List<float[]> data = List.of(random(1, n), random(2, n), random(3, n));
        List<RingAllReduce> rings = listen(3, 10_000);
        List<float[]> out = reduce(rings, data, 7);
        for (int i = 0; i < n; i++) {
            float want = data.get(0)[i] + data.get(1)[i] + data.get(2)[i];
            assertEquals(want, out.get(0)[i], 1e-5f, "element " + i);
        }
        assertArrayEquals(out.get(0), out.get(1), "every rank holds the same bits");
        assertArrayEquals(out.get(0), out.get(2));
        // 2 (W - 1) exchanges of a chunk of ceil(1001 / 3) = 334 floats (the last chunk 333)
        for (RingAllReduce r : rings) {
            assertTrue(r.bytesSent() >= 4L * (2 * 334 + 2 * 333) && r.bytesSent() <= 4L * 4 * 334,
                    "bytes sent " + r.bytesSent());
        }
        assertEquals(4L * 4 * 334, RingAllReduce.bytesPerCall(n, 3));
    }

    @Test
    void twoRanksGiveExactlyTheSumOfOneProcess() throws Exception {
        int n = 100_003;
        float[] a = random(4, n);
        float[] b = random(5, n);
        List<float[]> out = reduce(listen(2, 10_000), List.of(a, b), 1);
        float[] sum = new float[n];
        for (int i = 0; i < n; i++) {
            sum[i] = a[i] + b[i];
        }
        assertArrayEquals(sum, out.get(0));
        assertArrayEquals(sum, out.get(1));
    }

    @Test
    void oneRankExchangesNothing() throws Exception {
        try (RingAllReduce r = RingAllReduce.listen("127.0.0.1", 0, 1, 1000)) {
            assertEquals("", r.address());
            r.connect(List.of(""), 0);
            float[] d = {1, 2, 3};
            r.allReduce(d);
            assertArrayEquals(new float[] {1, 2, 3}, d);
            assertEquals(0, r.bytesSent());
        }
    }

    @Test
    void aPeerThatStopsTalkingMakesTheOtherTimeOut() throws Exception {
        List<RingAllReduce> rings = listen(2, 300);
        List<String> addresses = addresses(rings);
        CompletableFuture<Void> silent = CompletableFuture.runAsync(() -> {
            try {
                rings.get(1).connect(addresses, 3);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, pool);
        try (RingAllReduce r0 = rings.get(0); RingAllReduce r1 = rings.get(1)) {
            r0.connect(addresses, 3);
            silent.get(10, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> r0.allReduce(new float[100_000]));
            assertTrue(e.getMessage().startsWith("no progress for 300 ms"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
        }
    }

    @Test
    void aConnectionWithAnotherTokenIsRefused() throws Exception {
        List<RingAllReduce> rings = listen(2, 5_000);
        List<String> addresses = addresses(rings);
        // a worker of an earlier attempt of the stage dials rank 0 first
        String a0 = addresses.get(0);
        try (SocketChannel stale = SocketChannel.open(new InetSocketAddress(a0.substring(0, a0.lastIndexOf(':')),
                Integer.parseInt(a0.substring(a0.lastIndexOf(':') + 1))))) {
            stale.write(ByteBuffer.allocate(16).putInt(0x4d4c5046).putLong(99).putInt(1).flip());
            List<float[]> out = reduce(rings, List.of(new float[] {1, 2}, new float[] {10, 20}), 100);
            assertArrayEquals(new float[] {11, 22}, out.get(0));
            assertArrayEquals(new float[] {11, 22}, out.get(1));
        }
    }

    @Test
    void interruptingAWaitingRankEndsItsWait() throws Exception {
        List<RingAllReduce> rings = listen(2, 60_000);
        List<String> addresses = addresses(rings);
        Future<?> peer = pool.submit(() -> {
            rings.get(1).connect(addresses, 5);
            return null;
        });
        AtomicReference<Exception> caught = new AtomicReference<>();
        try (RingAllReduce r0 = rings.get(0); RingAllReduce r1 = rings.get(1)) {
            // what Spark does to the other tasks of a barrier stage when one fails (interruptOnCancel)
            Thread waiting = new Thread(() -> {
                try {
                    r0.connect(addresses, 5);
                    r0.allReduce(new float[1000]);
                } catch (IOException e) {
                    caught.set(e);
                }
            });
            waiting.start();
            peer.get(10, TimeUnit.SECONDS);
            Thread.sleep(300);
            waiting.interrupt();
            waiting.join(5000);
            assertTrue(!waiting.isAlive(), "the interrupted rank still waits");
        }
        Exception e = caught.get();
        assertTrue(e instanceof InterruptedIOException || e instanceof ClosedByInterruptException, String.valueOf(e));
    }
}
