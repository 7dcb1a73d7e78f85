package dev.handoff.daemon.fork;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * A throwable of the child on its way to the daemon: serialized as it is, so that the daemon sees
 * the very exception (an {@code AttemptFailedException} around an {@code AssertionFailedError}),
 * and as a {@link RemoteThrowable} stand-in for when it cannot be (a field that is not
 * serializable, a class the daemon lacks or has in another version).
 *
 * @param serialized the Java serialization of the throwable; empty when it could not be serialized
 */
public record Thrown(byte[] serialized, RemoteThrowable standIn) implements Serializable {

    public static Thrown of(Throwable throwable) {
        byte[] bytes;
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
                out.writeObject(throwable);
            }
            bytes = buffer.toByteArray();
        } catch (IOException | RuntimeException notSerializable) {
            bytes = new byte[0];
        }
        return new Thrown(bytes, RemoteThrowable.of(throwable));
    }

    /** The throwable, its classes resolved by {@code loader}; the stand-in when that fails. */
    public Throwable resolve(ClassLoader loader) {
        if (serialized.length == 0) {
            return standIn;
        }
        try (ObjectInputStream in = new Frames.LoaderInput(new ByteArrayInputStream(serialized), loader)) {
            return in.readObject() instanceof Throwable throwable ? throwable : standIn;
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError unreadable) {
            return standIn;
        }
    }
}
