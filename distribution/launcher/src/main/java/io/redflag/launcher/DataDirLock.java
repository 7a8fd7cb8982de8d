// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data folder for the life of one server or agent process. Only the server holding it may treat
 * a PostgreSQL found running on that folder as a leftover of a killed run and stop it; two agents on one folder would
 * share one identity, outbox and framework cache.
 */
final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) throws IOException {
        return acquire(dataDir, "server");
    }

    /** @param what "server" or "agent", for the message when another process holds the folder */
    static DataDirLock acquire(Path dataDir, String what) throws IOException {
        java.nio.file.Files.createDirectories(dataDir);
        Path file = dataDir.resolve("redflag.lock");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new IOException("another RedFlag " + what + " is running on " + dataDir.toAbsolutePath()
                    + "; stop it or choose another --data-dir");
        }
        return new DataDirLock(ch, l);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process is ending or the lock is already gone; nothing left to release
        }
    }
}
