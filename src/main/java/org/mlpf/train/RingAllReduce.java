package org.mlpf.train;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * A synchronous sum all-reduce of float arrays between W processes connected in a ring by TCP (java.nio), the
 * bandwidth-optimal scheme of Horovod and NCCL: a reduce-scatter (W - 1 exchanges of one W-th of the array, each
 * adding what it receives) followed by an all-gather (W - 1 exchanges copying the reduced chunks). Each process sends
 * and receives {@code 2 (W - 1) / W} times the array per call, whatever W, and every chunk is summed by exactly one
 * process and then copied, so all processes end with bit-identical results.
 *
 * <p>Set-up in two halves around an address exchange: {@link #listen} binds a server socket, the caller publishes
 * its address (e.g. with Spark's {@code BarrierTaskContext.allGather}), then {@link #connect} dials the next rank and
 * accepts the previous one. A connection carries a token (e.g. the Spark stage attempt), so that a late connection
 * from an earlier attempt is refused. Every wait has a timeout ("no byte moved for this long") and honours thread
 * interruption, so a dead or cancelled peer makes the call fail instead of hanging; {@link #close()} releases every
 * socket. Not thread-safe: one instance per worker thread.
 */
public final class RingAllReduce implements AutoCloseable {
    private static final int MAGIC = 0x4d4c5046;
    private static final int HANDSHAKE_BYTES = 16;

    private final int rank;
    private final int size;
    private final long timeoutMillis;
    private final ServerSocketChannel server;
    private SocketChannel next;
    private SocketChannel prev;
    private Selector selector;
    private ByteBuffer out;
    private ByteBuffer in;
    private float[] scratch = new float[0];
    private long bytesSent;
    private long bytesReceived;

    private RingAllReduce(int rank, int size, long timeoutMillis, ServerSocketChannel server) {
        this.rank = rank;
        this.size = size;
        this.timeoutMillis = timeoutMillis;
        this.server = server;
    }

    /**
     * A bound, listening endpoint of rank {@code rank} of {@code size} on {@code host} (an ephemeral port); with
     * {@code size == 1} nothing is bound and {@link #connect} is a no-op.
     *
     * @param timeoutMillis longest wait for a peer without progress (connect, accept, send or receive)
     */
    public static RingAllReduce listen(String host, int rank, int size, long timeoutMillis) throws IOException {
        if (size < 1 || rank < 0 || rank >= size) {
            throw new IllegalArgumentException("rank " + rank + " of " + size + " workers");
        }
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("timeout must be >= 1 ms, got " + timeoutMillis);
        }
        if (size == 1) {
            return new RingAllReduce(rank, size, timeoutMillis, null);
        }
        ServerSocketChannel s = ServerSocketChannel.open();
        try {
            s.bind(new InetSocketAddress(host, 0), size);
            s.configureBlocking(false);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new RingAllReduce(rank, size, timeoutMillis, s);
    }

    /** The address peers dial, {@code host:port} (empty for a single worker). */
    public String address() throws IOException {
        if (server == null) {
            return "";
        }
        InetSocketAddress a = (InetSocketAddress) server.getLocalAddress();
        return a.getHostString() + ":" + a.getPort();
    }

    /**
     * Connects the ring: dials rank + 1 and accepts rank - 1 (mod W).
     *
     * @param addresses every rank's {@link #address()}, by rank
     * @param token     identifies this set of workers; connections with another token are refused
     */
    public void connect(List<String> addresses, long token) throws IOException {
        if (size == 1) {
            return;
        }
        if (addresses.size() != size) {
            throw new IllegalArgumentException(addresses.size() + " addresses for " + size + " workers");
        }
        selector = Selector.open();
        next = dial(addresses.get((rank + 1) % size), token);
        prev = accept(token);
        next.register(selector, 0);
        prev.register(selector, 0);
    }

    private SocketChannel dial(String address, long token) throws IOException {
        int colon = address.lastIndexOf(':');
        InetSocketAddress target = new InetSocketAddress(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)));
        SocketChannel c = SocketChannel.open();
        try {
            c.configureBlocking(false);
            c.socket().setTcpNoDelay(true);
            try (Selector s = Selector.open()) {
                if (!c.connect(target)) {
                    c.register(s, SelectionKey.OP_CONNECT);
                    long deadline = System.currentTimeMillis() + timeoutMillis;
                    while (!c.finishConnect()) {
                        waitFor(s, deadline, "connecting to rank " + (rank + 1) % size + " at " + address);
                    }
                }
            }
            ByteBuffer hello = ByteBuffer.allocate(HANDSHAKE_BYTES).putInt(MAGIC).putLong(token).putInt(rank).flip();
            transfer(c, hello, true, "greeting rank " + (rank + 1) % size);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private SocketChannel accept(long token) throws IOException {
        int expected = (rank + size - 1) % size;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        try (Selector s = Selector.open()) {
            server.register(s, SelectionKey.OP_ACCEPT);
            while (true) {
                SocketChannel c = server.accept();
                if (c == null) {
                    waitFor(s, deadline, "waiting for rank " + expected + " to connect");
                    continue;
                }
                try {
                    c.configureBlocking(false);
                    c.socket().setTcpNoDelay(true);
                    ByteBuffer hello = ByteBuffer.allocate(HANDSHAKE_BYTES);
                    transfer(c, hello, false, "greeting from rank " + expected);
                    hello.flip();
                    if (hello.getInt() == MAGIC && hello.getLong() == token && hello.getInt() == expected) {
                        return c;
                    }
                } catch (EOFException e) {
                    // a peer of an earlier attempt that went away: keep waiting for the right one
                }
                c.close();
            }
        }
    }

    /** Moves all of {@code buf} through {@code c} (write or read), without the ring's selector. */
    private void transfer(SocketChannel c, ByteBuffer buf, boolean write, String what) throws IOException {
        try (Selector s = Selector.open()) {
            c.register(s, write ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (buf.hasRemaining()) {
                int n = write ? c.write(buf) : c.read(buf);
                if (n < 0) {
                    throw new EOFException("connection closed while " + what);
                }
                if (n > 0) {
                    deadline = System.currentTimeMillis() + timeoutMillis;
                } else {
                    waitFor(s, deadline, what);
                }
            }
            c.keyFor(s).cancel();
            s.selectNow();
        }
    }

    private void waitFor(Selector s, long deadline, String what) throws IOException {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("no progress for " + timeoutMillis + " ms while " + what);
        }
        s.select(left);
        s.selectedKeys().clear();
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while " + what);
        }
    }

    /**
     * Replaces {@code data} by its element-wise sum over all ranks; every rank must call it with an array of the same
     * length, in the same order of calls.
     */
    public void allReduce(float[] data) throws IOException {
        if (size == 1) {
            return;
        }
        int chunk = (data.length + size - 1) / size;
        ensureBuffers(chunk);
        for (int s = 0; s < size - 1; s++) {
            int send = Math.floorMod(rank - s, size);
            int recv = Math.floorMod(rank - s - 1, size);
            exchange(data, send, recv, chunk, true);
        }
        for (int s = 0; s < size - 1; s++) {
            int send = Math.floorMod(rank + 1 - s, size);
            int recv = Math.floorMod(rank - s, size);
            exchange(data, send, recv, chunk, false);
        }
    }

    private void ensureBuffers(int chunk) {
        if (out == null || out.capacity() < chunk * Float.BYTES) {
            out = ByteBuffer.allocateDirect(chunk * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            in = ByteBuffer.allocateDirect(chunk * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            scratch = new float[chunk];
        }
    }

    /** Sends chunk {@code send} of {@code data} to the next rank while receiving chunk {@code recv} from the last. */
    private void exchange(float[] data, int send, int recv, int chunk, boolean add) throws IOException {
        int sendFrom = Math.min(send * chunk, data.length);
        int sendLen = Math.min(chunk, data.length - sendFrom);
        int recvFrom = Math.min(recv * chunk, data.length);
        int recvLen = Math.min(chunk, data.length - recvFrom);
        out.clear();
        out.asFloatBuffer().put(data, sendFrom, sendLen);
        out.limit(sendLen * Float.BYTES);
        in.clear();
        in.limit(recvLen * Float.BYTES);
        SelectionKey w = next.keyFor(selector);
        SelectionKey r = prev.keyFor(selector);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (out.hasRemaining() || in.hasRemaining()) {
            int moved = 0;
            if (out.hasRemaining()) {
                moved += next.write(out);
            }
            if (in.hasRemaining()) {
                int n = prev.read(in);
                if (n < 0) {
                    throw new EOFException("rank " + Math.floorMod(rank - 1, size) + " closed the ring");
                }
                moved += n;
            }
            if (moved > 0) {
                deadline = System.currentTimeMillis() + timeoutMillis;
                continue;
            }
            w.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : 0);
            r.interestOps(in.hasRemaining() ? SelectionKey.OP_READ : 0);
            waitFor(selector, deadline, "exchanging with the ring's neighbours (rank " + rank + " of " + size + ")");
        }
        bytesSent += (long) sendLen * Float.BYTES;
        bytesReceived += (long) recvLen * Float.BYTES;
        in.flip();
        FloatBuffer f = in.asFloatBuffer();
        if (add) {
            f.get(scratch, 0, recvLen);
            for (int i = 0; i < recvLen; i++) {
                data[recvFrom + i] += scratch[i];
            }
        } else {
            f.get(data, recvFrom, recvLen);
        }
    }

    /** Bytes this rank has sent since it was created. */
    public long bytesSent() {
        return bytesSent;
    }

    /** Bytes this rank has received since it was created. */
    public long bytesReceived() {
        return bytesReceived;
    }

    /** Bytes one rank sends per {@link #allReduce} of {@code length} floats: {@code 2 (W - 1)} chunks of L / W. */
    public static long bytesPerCall(long length, int workers) {
        long chunk = (length + workers - 1) / workers;
        return 2L * (workers - 1) * chunk * Float.BYTES;
    }

    /** Closes every socket; safe to call more than once. */
    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {next, prev, selector, server}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing is best effort: the peers notice the end of the stream or time out
                }
            }
        }
    }
}
