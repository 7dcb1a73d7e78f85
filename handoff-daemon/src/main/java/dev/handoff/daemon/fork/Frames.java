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
     * What a frame may hold: any class, since JUnit's test sources carry the suite's classes and a
     * test's throwable may be of any class of the suites' loader, as in-process; only the size is
     * bounded. A process-wide filter may reject everything (Helidon installs one), so frames name
     * their own. They come from the child this daemon started, over loopback, after it proved
     * itself with the run's token.
     */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter("maxdepth=256;*");

    /** Resolves classes with a given loader: the suites' own, whose exceptions frames carry. */
    static final class LoaderInput extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderInput(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
            setObjectInputFilter(FILTER);
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
