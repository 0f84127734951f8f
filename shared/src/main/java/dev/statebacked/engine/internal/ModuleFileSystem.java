package dev.statebacked.engine.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The only "file system" user code sees: a fixed set of in-memory modules. Bare specifiers that the
 * service supports are mapped to them here; anything else fails with an error naming the specifier,
 * and no real file is ever opened.
 */
public final class ModuleFileSystem implements org.graalvm.polyglot.io.FileSystem {
    /** Directory under which every virtual module lives; user bundles are evaluated as {@code /sb/machine/<n>.mjs}. */
    public static final String ROOT = "/sb/";

    public static final String XSTATE_FOR_USERS = XstateModules.INDEX;
    public static final String STATEBACKED_MACHINE = ROOT + "statebacked-machine.mjs";
    public static final String STATEBACKED_MACHINE_DEF = ROOT + "statebacked-machine-def.mjs";

    /** {@code xstate}, optionally {@code npm:}-prefixed and 4.x-versioned, optionally with a subpath (group 4). */
    private static final Pattern XSTATE_SPECIFIER =
            Pattern.compile("(npm:)?xstate(@[\\^~]?4(\\.[0-9A-Za-z.\\-+]*)?)?(/(.*))?");

    private static final Pattern STATEBACKED_SPECIFIER =
            Pattern.compile("(npm:)?@statebacked/machine(@[0-9A-Za-z.\\-+^~]*)?");

    private static final Pattern STATEBACKED_MACHINE_DEF_SPECIFIER =
            Pattern.compile("(npm:)?@statebacked/machine-def(@[0-9A-Za-z.\\-+^~]*)?");

    private final Map<String, byte[]> files;

    public ModuleFileSystem(Map<String, String> filesByPath) {
        var copy = new java.util.HashMap<String, byte[]>();
        filesByPath.forEach((k, v) -> copy.put(k, v.getBytes(StandardCharsets.UTF_8)));
        this.files = Map.copyOf(copy);
    }

    @Override
    public Path parsePath(URI uri) {
        if (!"file".equals(uri.getScheme()))
            throw new UnsupportedOperationException(
                    "Cannot import '" + uri + "': only xstate and @statebacked/machine can be imported");
        return parsePath(uri.getPath());
    }

    @Override
    public Path parsePath(String specifier) {
        String mapped = mapSpecifier(specifier);
        return Path.of(mapped);
    }

    /** Maps an import specifier (or an already-resolved virtual path) to a virtual path, or fails naming it. */
    static String mapSpecifier(String specifier) {
        var xstate = XSTATE_SPECIFIER.matcher(specifier);
        if (xstate.matches()) {
            if (xstate.group(4) == null) return XSTATE_FOR_USERS;
            return XstateModules.pathOf(xstate.group(5))
                    .orElseThrow(() -> new UnsupportedOperationException(
                            "Cannot import '" + specifier + "': xstate 4.38 has no module '" + xstate.group(5)
                                    + "' (its modules are lib/* and es/*, e.g. xstate/lib/utils)"));
        }
        if (STATEBACKED_SPECIFIER.matcher(specifier).matches()) return STATEBACKED_MACHINE;
        if (STATEBACKED_MACHINE_DEF_SPECIFIER.matcher(specifier).matches()) return STATEBACKED_MACHINE_DEF;
        // Our own virtual paths come back here once resolved (and internal modules import each other by them).
        // A bundle could name them too; that only reaches the engine's JS in its own context, never the host.
        if (specifier.startsWith(ROOT) || specifier.equals("/sb") || specifier.equals("/")) return specifier;
        throw new UnsupportedOperationException(
                "Cannot import '" + specifier
                        + "': machine code may only import 'xstate' (4.x), '@statebacked/machine' and '@statebacked/machine-def'; bundle other dependencies");
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) throw new IOException("read-only");
        String p = path.toString();
        if (!files.containsKey(p) && !p.equals("/sb") && !p.equals("/")) throw new NoSuchFileException(p);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw new IOException("read-only");
    }

    @Override
    public void delete(Path path) throws IOException {
        throw new IOException("read-only");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        for (OpenOption o : options) {
            if (o != StandardOpenOption.READ) throw new IOException("read-only");
        }
        byte[] bytes = files.get(path.toString());
        if (bytes == null) throw new NoSuchFileException(path.toString());
        return new ReadOnlyChannel(bytes);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        throw new IOException("not listable");
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path : Path.of(ROOT).resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) {
        return toAbsolutePath(path).normalize();
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        String p = path.toString();
        boolean dir = p.equals("/sb") || p.equals("/");
        if (!dir && !files.containsKey(p)) throw new NoSuchFileException(p);
        return Map.of(
                "isRegularFile",
                !dir,
                "isDirectory",
                dir,
                "isSymbolicLink",
                false,
                "isOther",
                false,
                "size",
                dir ? 0L : (long) files.get(p).length);
    }

    /** A read-only channel over a byte array. */
    private static final class ReadOnlyChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private int position;
        private boolean open = true;

        ReadOnlyChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= bytes.length) return -1;
            int n = Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) Math.min(newPosition, bytes.length);
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
