package org.wienerspark.separation;

import java.io.Serializable;

/**
 * What flows between the separation's stages, one per block (or per partition's end): a
 * {@link FrameBlock} with its arrays, a {@link FailedBlock} whose inputs could not be loaded, or
 * a {@link PartialsCarrier} closing a partition's statistics. Each may carry partial statistics
 * for the next aggregation.
 */
sealed interface BlockRecord extends Serializable permits FrameBlock, FailedBlock, PartialsCarrier {

    /** Partial statistics of the (track, group) pairs this partition has finished; never null. */
    GroupStats[] partials();
}
