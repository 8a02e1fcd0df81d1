package dev.forecourt.customer.service;

import dev.forecourt.customer.domain.CustomerIdentifier;
import dev.forecourt.customer.imports.ImportJobs;
import dev.forecourt.platform.pii.Resealer;
import dev.forecourt.platform.pii.SealedColumns;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * customer-service's sealed columns, for the key rotation (platform {@link Resealer}): names,
 * streets, identifiers (their key_id column too) and the sealed rows of import reports.
 */
@ApplicationScoped
public class CustomerSealedColumns implements SealedColumns {

    @Override
    public List<Resealer.Column> columns() {
        return List.of(
                Resealer.Column.of("customer", "name_enc", PersonalData.NAME),
                Resealer.Column.of("customer", "street_enc", PersonalData.STREET),
                new Resealer.Column("customer_identifier", "value_enc", "key_id", "kind",
                        kind -> CustomerIdentifier.Kind.valueOf(kind).context()),
                Resealer.Column.of("import_rejection", "raw_enc", ImportJobs.RAW_ROW));
    }
}
