package io.jobline.remote;

import java.io.IOException;

/**
 * A file of a bundle folder is not what this executor wrote or expects: its signature does not match the
 * executor's key (changed on disk, or written by another executor), or it is another file's packet. The message
 * names the file and says which.
 */
public class TamperedPacketException extends IOException {

    private static final long serialVersionUID = 1L;

    public TamperedPacketException(String message) {
        super(message);
    }
}
