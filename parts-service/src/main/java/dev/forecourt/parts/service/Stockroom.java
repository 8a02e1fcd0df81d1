package dev.forecourt.parts.service;

import dev.forecourt.parts.domain.Part;
import dev.forecourt.parts.domain.PartCategory;
import dev.forecourt.parts.events.PartsEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Adding parts to a store's catalogue and receiving stock; each change commits with its event. */
@ApplicationScoped
public class Stockroom {

    @Inject
    Outbox outbox;

    @Inject
    CurrentUser user;

    @Transactional
    public Part add(String storeId, String partNumber, String name, PartCategory category) {
        user.requireStore(storeId);
        if (Part.count("storeId = ?1 and partNumber = ?2", storeId, partNumber) > 0) {
            throw ProblemException.conflict("Part " + partNumber + " is already in the catalogue of " + storeId);
        }
        Part part = new Part();
        part.id = UUID.randomUUID();
        part.storeId = storeId;
        part.partNumber = partNumber;
        part.name = name;
        part.category = category.name();
        part.persist();
        outbox.publish(new DomainEvent(PartsEvents.PART_ADDED, PartsEvents.PART, part.id.toString(), storeId,
                new PartsEvents.PartAdded(part.id, storeId, partNumber, part.category)));
        return part;
    }

    /** Books a receipt; the part row is locked so concurrent receipts add up and their events stay in order. */
    @Transactional
    public Part receive(UUID partId, int quantity, String batch) {
        Part part = user.visible(Part.<Part>findById(partId, LockModeType.PESSIMISTIC_WRITE), p -> p.storeId, "part", partId);
        part.receive(quantity);
        part.persistAndFlush();
        outbox.publish(new DomainEvent(PartsEvents.STOCK_RECEIVED, PartsEvents.PART, part.id.toString(), part.storeId,
                new PartsEvents.StockReceived(part.id, part.storeId, part.partNumber, quantity, part.onHand, batch)));
        return part;
    }

    @Transactional
    public Part get(UUID id) {
        return user.visible(Part.<Part>findById(id), p -> p.storeId, "part", id);
    }
}
