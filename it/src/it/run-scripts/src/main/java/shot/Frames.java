package shot;

import java.io.Serializable;

/** A class of the project: job scripts run by jobline:run see it. */
public final class Frames implements Serializable {

    public static String name(String shot, int frame) {
        return shot + "." + String.format("%04d", frame) + ".exr";
    }
}
