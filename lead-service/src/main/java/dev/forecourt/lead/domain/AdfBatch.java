package dev.forecourt.lead.domain;

import java.util.List;

/** The outcome of parsing one ADF document: the valid prospects and the rejected ones, each in document order. */
public record AdfBatch(List<AdfProspect> prospects, List<AdfRejection> rejected) {

    public AdfBatch {
        prospects = List.copyOf(prospects);
        rejected = List.copyOf(rejected);
    }
}
