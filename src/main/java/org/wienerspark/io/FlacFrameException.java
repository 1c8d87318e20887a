package org.wienerspark.io;

/**
 * A FLAC frame that cannot be decoded; {@link FlacReader} turns it into a
 * {@link BadInputException} naming the file and the frame's position.
 */
final class FlacFrameException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FlacFrameException(String problem) {
        super(problem, null, false, false);
    }
}
