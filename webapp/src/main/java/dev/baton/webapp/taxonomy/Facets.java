package dev.baton.webapp.taxonomy;

import java.util.List;

/**
 * The keys of the taxonomy's facets, written once. What a facet is called and which values it has are data (seeded
 * by {@code V2__taxonomy.sql}, edited by admins); its key is what code, manifests, the API's parameters and the search
 * page refer to, and those all take it from here. Plain constants, so annotations can use them and plain-Java code
 * (the import command) can too. {@code FacetsTest} checks that the migrations seed exactly these facets, in this order.
 */
public final class Facets {

    public static final String BUYER_STAGE = "buyer_stage";
    public static final String FUNNEL_STAGE = "funnel_stage";
    public static final String PERSONA = "persona";
    public static final String INDUSTRY = "industry";
    public static final String PRODUCT = "product";
    public static final String REGION = "region";
    public static final String LANGUAGE = "language";
    /** What kind of asset it is: an asset has at most one content type, kept apart from the other facets. */
    public static final String CONTENT_TYPE = "content_type";

    /** The facets an asset carries several values of, in the taxonomy's order; not {@link #CONTENT_TYPE}. */
    public static final List<String> MULTI_VALUED =
            List.of(BUYER_STAGE, FUNNEL_STAGE, PERSONA, INDUSTRY, PRODUCT, REGION, LANGUAGE);

    /** Every facet of the taxonomy, in its order. */
    public static final List<String> ALL =
            List.of(BUYER_STAGE, FUNNEL_STAGE, PERSONA, INDUSTRY, PRODUCT, REGION, LANGUAGE, CONTENT_TYPE);

    /** {@link #ALL} as one line of text, a constant that documentation annotations can use. */
    public static final String ALL_AS_TEXT = BUYER_STAGE + ", " + FUNNEL_STAGE + ", " + PERSONA + ", " + INDUSTRY
            + ", " + PRODUCT + ", " + REGION + ", " + LANGUAGE + ", " + CONTENT_TYPE;

    private Facets() {}
}
