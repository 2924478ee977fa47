package org.mlpf.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.Gson;

class RootLockTest {
    @TempDir
    Path tmp;

    private static FileSystem local() throws IOException {
        return FileSystem.getLocal(new Configuration());
    }

    private static org.apache.hadoop.fs.Path hadoop(Path p) {
        return new org.apache.hadoop.fs.Path(p.toUri());
    }

    /** The process id of a process that has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private static void writeLock(Path root, RootLock.Holder h) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve(RootLock.FILE), new Gson().toJson(h));
    }

    @Test
    void aSecondRunIsRefusedNamingTheOwnerAndTheLockFileUntilTheFirstReleases() throws IOException {
        Path root = tmp.resolve("root");
        try (RootLock first = RootLock.acquire(local(), hadoop(root))) {
            assertTrue(Files.exists(root.resolve(RootLock.FILE)));
            assertEquals(ProcessHandle.current().pid(), first.holder().pid());
            RootLock.LockedException e = assertThrows(RootLock.LockedException.class,
                    () -> RootLock.acquire(local(), hadoop(root)));
            assertTrue(e.getMessage().contains("is in use by another pipeline run (pid "
                    + ProcessHandle.current().pid() + " on host " + first.holder().host()), e.getMessage());
            assertTrue(e.getMessage().contains(RootLock.FILE), e.getMessage());
        }
        assertFalse(Files.exists(root.resolve(RootLock.FILE)), "released");
        try (RootLock again = RootLock.acquire(local(), hadoop(root))) {
            assertTrue(Files.exists(root.resolve(RootLock.FILE)));
        }
    }

    @Test
    void theLockOfAKilledRunOnThisHostIsTakenOver() throws Exception {
        Path root = tmp.resolve("stale");
        String host;
        try (RootLock probe = RootLock.acquire(local(), hadoop(root))) {
            host = probe.holder().host();
        }
        writeLock(root, new RootLock.Holder(host, deadPid(), "2026-01-01T00:00:00Z", "killed"));
        try (RootLock taken = RootLock.acquire(local(), hadoop(root))) {
            assertEquals(ProcessHandle.current().pid(), taken.holder().pid());
            assertEquals(taken.holder(), RootLock.read(local(), hadoop(root.resolve(RootLock.FILE))));
        }
    }

    @Test
    void aLockOfAnotherHostOrALiveProcessIsNeverTakenOver() throws Exception {
        Path root = tmp.resolve("other");
        writeLock(root, new RootLock.Holder("elsewhere.example", deadPid(), "2026-01-01T00:00:00Z", "remote"));
        assertThrows(RootLock.LockedException.class, () -> RootLock.acquire(local(), hadoop(root)));
        assertTrue(Files.readString(root.resolve(RootLock.FILE)).contains("remote"), "left as it was");
        assertFalse(RootLock.isStale(new RootLock.Holder("h", ProcessHandle.current().pid(), "", "t"), "h"));
        assertTrue(RootLock.isStale(new RootLock.Holder("h", deadPid(), "", "t"), "h"));
        assertFalse(RootLock.isStale(new RootLock.Holder("h", deadPid(), "", "t"), "other"));
    }

    @Test
    void aRunThatFindsTheLockGoneOrReplacedDoesNotRemoveSomeoneElses() throws IOException {
        Path root = tmp.resolve("replaced");
        RootLock mine = RootLock.acquire(local(), hadoop(root));
        RootLock.Holder other = new RootLock.Holder("h", 1, "now", "someone-else");
        writeLock(root, other);
        mine.close();
        assertEquals(other, RootLock.read(local(), hadoop(root.resolve(RootLock.FILE))));
    }
}
