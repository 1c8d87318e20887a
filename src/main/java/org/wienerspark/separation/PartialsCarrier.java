package org.wienerspark.separation;

/** The last record of a partition's EM pass: no frames, the statistics still open at its end. */
final class PartialsCarrier implements BlockRecord {

    private static final long serialVersionUID = 1L;

    private final GroupStats[] partials;

    PartialsCarrier(GroupStats[] partials) {
        this.partials = partials;
    }

    @Override
    public GroupStats[] partials() {
        return partials;
    }
}
