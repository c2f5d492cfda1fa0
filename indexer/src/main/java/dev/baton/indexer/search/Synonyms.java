package dev.baton.indexer.search;

import java.util.List;

/** Synonym groups: every entry of a group finds what the others find. Admins edit the list; these are the defaults. */
public final class Synonyms {

    /**
     * The defaults every new installation starts with: the funnel's abbreviations, the business-case terms, and
     * generic sales, legal and security acronyms with their expansions (as seeded by the webapp's migrations).
     */
    public static final List<List<String>> DEFAULTS = List.of(
            List.of("mql", "marketing qualified lead"),
            List.of("sql", "sales qualified lead"),
            List.of("sal", "sales accepted lead"),
            List.of("roi", "return on investment"),
            List.of("tco", "total cost of ownership"),
            List.of("rfp", "request for proposal"),
            List.of("poc", "proof of concept"),
            List.of("qbr", "quarterly business review"),
            List.of("deck", "slides", "presentation"),
            List.of("sso", "single sign-on", "single sign on"),
            List.of("mfa", "multi-factor authentication", "multifactor authentication", "two-factor authentication", "2fa"),
            List.of("sla", "service level agreement"),
            List.of("dpa", "data processing agreement", "data processing addendum"),
            List.of("baa", "business associate agreement"),
            List.of("msa", "master services agreement", "master service agreement"),
            List.of("nda", "non-disclosure agreement", "confidentiality agreement"),
            List.of("sow", "statement of work"),
            List.of("rfi", "request for information"),
            List.of("rfq", "request for quote", "request for quotation"),
            List.of("soc 2", "soc2", "soc ii"),
            List.of("pii", "personally identifiable information", "personal data"),
            List.of("phi", "protected health information"),
            List.of("gdpr", "general data protection regulation"),
            List.of("ccpa", "california consumer privacy act"),
            List.of("rto", "recovery time objective"),
            List.of("rpo", "recovery point objective"),
            List.of("rbac", "role-based access control"),
            List.of("crm", "customer relationship management"),
            List.of("erp", "enterprise resource planning"),
            List.of("arr", "annual recurring revenue"),
            List.of("mrr", "monthly recurring revenue"),
            List.of("acv", "annual contract value"),
            List.of("tcv", "total contract value"),
            List.of("cac", "customer acquisition cost"),
            List.of("ltv", "clv", "lifetime value", "customer lifetime value"),
            List.of("nps", "net promoter score"),
            List.of("kpi", "key performance indicator"),
            List.of("okr", "objectives and key results"),
            List.of("icp", "ideal customer profile"),
            List.of("gtm", "go-to-market", "go to market"),
            List.of("smb", "small and medium business", "small business"),
            List.of("ebr", "executive business review"),
            List.of("map", "mutual action plan"),
            List.of("csm", "customer success manager"),
            List.of("sdr", "sales development representative"),
            List.of("bdr", "business development representative"),
            List.of("pov", "proof of value"),
            List.of("eol", "end of life"),
            List.of("faq", "frequently asked questions"),
            List.of("yoy", "year over year"),
            List.of("revops", "revenue operations", "rev ops"),
            List.of("sfdc", "salesforce"),
            List.of("pen test", "pentest", "penetration test"),
            List.of("uptime", "availability"),
            List.of("eu", "european union"));

    /** Most groups and entries per group accepted: the synonym map is rebuilt in memory on every change. */
    public static final int MAX_GROUPS = 5_000;

    public static final int MAX_ENTRIES_PER_GROUP = 50;

    private Synonyms() {}
}
