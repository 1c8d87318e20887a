package org.wienerspark.separation;

import java.io.Serializable;

/**
 * Which frames of which track a block owns: the elements the job starts from.
 *
 * @param track      index of the track in the plan
 * @param block      index of the block within its track
 * @param ownedStart first owned frame
 * @param ownedEnd   one past the last owned frame
 */
record BlockSpec(int track, int block, int ownedStart, int ownedEnd) implements Serializable {
}
