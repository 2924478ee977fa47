package org.mlpf.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {
    @Test
    void identicalSchemaHasNoProblems() {
        assertTrue(SchemaCheck.problems(NtupleSchema.SCHEMA, NtupleSchema.SCHEMA, Set.of()).isEmpty());
    }

    @Test
    void nestedDifferencesAreNamedByPath() {
        StructType target = new StructType().add("cls", DataTypes.LongType).add("pt", DataTypes.FloatType);
        StructType actual = new StructType().add("event_id", DataTypes.LongType)
                .add("ygen", DataTypes.createArrayType(target));
        StructType expected = new StructType().add("event_id", DataTypes.LongType)
                .add("ygen", DataTypes.createArrayType(NtupleSchema.TARGET)).add("sample", DataTypes.StringType);
        List<String> p = SchemaCheck.problems(expected, actual, Set.of());
        assertEquals("column 'ygen.cls' has type bigint, expected int", p.get(0));
        assertEquals("column 'ygen.charge' is missing", p.get(1));
        assertEquals("column 'sample' is missing", p.get(p.size() - 1));
        assertEquals(p.size() - 1, SchemaCheck.problems(expected, actual, Set.of("sample")).size(),
                "an allowed-absent top-level column is not a problem");
    }

    @Test
    void elementStructFollowsTheCmsFeatureOrderThenExtras() {
        String[] names = NtupleSchema.ELEMENT.fieldNames();
        assertEquals(ElementFeature.WIDTH, names.length);
        assertEquals(25, NtupleSchema.ELEMENT_FEATURES.size());
        assertEquals("typ_idx", names[0]);
        assertEquals("corr_energy", names[24]);
        assertEquals("vz", names[25]);
        assertEquals(NtupleSchema.TARGET_FIELDS, List.of(NtupleSchema.TARGET.fieldNames()));
    }
}
