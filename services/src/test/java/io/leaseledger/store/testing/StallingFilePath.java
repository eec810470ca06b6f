package io.leaseledger.store.testing;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An H2 file system ({@code jdbc:h2:stalling:/path}) whose next write, once {@link #arm armed},
 * stops until the test lets it go and then fails as a full disk does (every write fails after
 * it until {@link #disarm}): a test can look at the database while a commit is between being
 * visible and being written. State is static, as H2 creates paths by reflection: one test at a time.
 */
public final class StallingFilePath extends FilePathWrapper {
    private static final String SCHEME = "stalling";
    private static volatile Stall stall;

    /** Registers the scheme with H2 (once per JVM is enough; harmless again); returns the URL prefix. */
    public static String register() {
        FilePath.register(new StallingFilePath());
        return SCHEME + ":";
    }

    /** The next write stops; the returned stall says when it has, and lets it go (to fail). */
    public static Stall arm() {
        Stall armed = new Stall();
        stall = armed;
        return armed;
    }

    /** Writes go through again. */
    public static void disarm() {
        stall = null;
    }

    /** One armed stall. */
    public static final class Stall {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until a write has stopped at the stall; false after {@code seconds} without one. */
        public boolean awaitStalledWrite(long seconds) throws InterruptedException {
            return reached.await(seconds, TimeUnit.SECONDS);
        }

        /** Lets the stopped write go on to fail. */
        public void release() {
            released.countDown();
        }

        private void write() throws IOException {
            reached.countDown();
            try {
                if (!released.await(60, TimeUnit.SECONDS)) {
                    throw new IOException("stalled write never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("No space left on device");
        }
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new StallingChannel(getBase().open(mode));
    }

    private static final class StallingChannel extends FileBase {
        private final FileChannel channel;

        StallingChannel(FileChannel channel) {
            this.channel = channel;
        }

        private static void beforeWrite() throws IOException {
            Stall armed = stall;
            if (armed != null) {
                armed.write();
            }
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            beforeWrite();
            return channel.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            beforeWrite();
            return channel.write(src, position);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return channel.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            channel.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            beforeWrite();
            channel.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            channel.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return channel.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            channel.close();
        }
    }
}
