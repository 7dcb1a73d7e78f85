package dev.handoff.daemon.fork;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * The forked run's channel: each object a frame of its own ({@code int} length, then its Java
 * serialization), so that one object that cannot be read costs that frame and not the stream, and
 * no back-references pile up over a run of thousands of events.
 */
public final class Frames {

    /** A frame longer than this is a broken stream, not an event. */
    static final int MAX_FRAME = 64 * 1024 * 1024;

    private Frames() {}

    public static void write(DataOutputStream out, Object frame) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream object = new ObjectOutputStream(buffer)) {
            object.writeObject(frame);
        }
        synchronized (out) {
            out.writeInt(buffer.size());
            buffer.writeTo(out);
            out.flush();
        }
    }

    /** The next frame, its classes resolved by {@code loader}. @throws java.io.EOFException at the end */
    public static Object read(DataInputStream in, ClassLoader loader) throws IOException, ClassNotFoundException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("broken frame of " + length + " bytes");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new java.io.EOFException("frame cut off after " + bytes.length + " of " + length + " bytes");
        }
        try (ObjectInputStream object = new LoaderInput(new ByteArrayInputStream(bytes), loader)) {
            return object.readObject();
        }
    }

    /**
     * What a frame may hold: events, JUnit's identifiers and sources, and JDK collections. A
     * process-wide filter may reject everything (Helidon installs one); frames come from the
     * child this daemon started, over loopback, after it proved itself with the run's token.
     */
    private static final ObjectInputFilter FRAMES =
            ObjectInputFilter.Config.createFilter("maxdepth=64;java.**;dev.handoff.**;org.junit.**;!*");

    /**
     * What a test's throwable may hold: any class of the suites' own loader, as any exception a test
     * throws in-process reaches the recorder; the same child, token and loopback vouch for it.
     */
    static final ObjectInputFilter THROWABLES = ObjectInputFilter.Config.createFilter("maxdepth=256;*");

    /** Resolves classes with a given loader: the suites' own, whose exceptions frames carry. */
    static final class LoaderInput extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderInput(InputStream in, ClassLoader loader) throws IOException {
            this(in, loader, FRAMES);
        }

        LoaderInput(InputStream in, ClassLoader loader, ObjectInputFilter filter) throws IOException {
            super(in);
            this.loader = loader;
            setObjectInputFilter(filter);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(description);
            }
        }
    }
}
