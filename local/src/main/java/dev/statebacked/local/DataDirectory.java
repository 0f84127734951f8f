package dev.statebacked.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The directory that holds everything the local stack persists. Held with an exclusive file lock for the
 * life of the process, so that two stacks never write the same files.
 */
public final class DataDirectory implements AutoCloseable {
    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public static DataDirectory open(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new LocalStackException("cannot create data directory " + absolute + ": " + e.getMessage());
        }
        if (!Files.isDirectory(absolute) || !Files.isWritable(absolute)) {
            throw new LocalStackException("data directory " + absolute + " is not writable");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(absolute.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new LocalStackException("data directory " + absolute + " is not writable: " + e.getMessage());
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new LocalStackException("data directory " + absolute + " is in use by another statebacked local");
        }
        return new DataDirectory(absolute, channel, lock);
    }

    public Path root() {
        return root;
    }

    /** A subdirectory for one service's files, created on first use. */
    public Path serviceDirectory(String service) {
        Path dir = root.resolve(service);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LocalStackException("cannot create " + dir + ": " + e.getMessage());
        }
        return dir;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close releases it as well
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do with a lock file we could not close
        }
    }
}
