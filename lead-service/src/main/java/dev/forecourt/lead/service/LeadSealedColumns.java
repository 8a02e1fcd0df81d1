package dev.forecourt.lead.service;

import dev.forecourt.platform.pii.Resealer;
import dev.forecourt.platform.pii.SealedColumns;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * lead-service's sealed columns, for the key rotation (platform {@link Resealer}): contacts of
 * leads waiting for customer-service, and driving licences of test drives.
 */
@ApplicationScoped
public class LeadSealedColumns implements SealedColumns {

    @Override
    public List<Resealer.Column> columns() {
        return List.of(
                Resealer.Column.of("lead", "contact_enc", IntakeDesk.CONTACT),
                Resealer.Column.of("test_drive", "licence_enc", TestDrives.LICENCE));
    }
}
