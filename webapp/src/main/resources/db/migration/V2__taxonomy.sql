-- The shared language of sales and marketing: facets (buyer stage, funnel stage, persona, ...) and their values,
-- each with a written definition that both teams see wherever the value appears. Data, not code: admins edit it.

create table taxonomy_facet (
    key         text primary key check (key ~ '^[a-z][a-z0-9_]{1,39}$'),
    label       text    not null,
    description text    not null,
    position    int     not null
);

create table taxonomy_value (
    id         bigint generated always as identity primary key,
    facet_key  text        not null references taxonomy_facet (key),
    key        text        not null check (key ~ '^[a-z0-9][a-z0-9_-]{0,59}$'),
    label      text        not null check (length(label) between 1 and 80),
    definition text        not null check (length(definition) between 1 and 1000),
    position   int         not null,
    active     boolean     not null default true,
    updated_at timestamptz not null default now(),
    unique (facet_key, key)
);
create unique index taxonomy_value_label_key on taxonomy_value (facet_key, lower(label));

insert into taxonomy_facet (key, label, description, position) values
    ('buyer_stage', 'Buyer stage', 'Where the buyer is in their own journey, whatever our funnel says.', 1),
    ('funnel_stage', 'Funnel stage', 'Where the lead or account stands in the shared marketing and sales funnel.', 2),
    ('persona', 'Persona', 'Who the asset speaks to.', 3),
    ('industry', 'Industry', 'The buyer''s industry the asset is written for.', 4),
    ('product', 'Product', 'What we sell that the asset is about.', 5),
    ('region', 'Region', 'Where the asset may be used.', 6),
    ('language', 'Language', 'The language the asset is written in.', 7),
    ('content_type', 'Content type', 'What kind of asset it is.', 8);

insert into taxonomy_value (facet_key, key, label, definition, position) values
    ('buyer_stage', 'awareness', 'Awareness', 'The buyer has a problem or an opportunity and is learning about it; they are not yet comparing solutions.', 1),
    ('buyer_stage', 'consideration', 'Consideration', 'The buyer has named the problem and is weighing approaches and vendors against each other.', 2),
    ('buyer_stage', 'decision', 'Decision', 'The buyer is choosing a vendor: proof, pricing, risk and the business case decide it.', 3),
    ('buyer_stage', 'onboarding', 'Onboarding', 'The buyer has signed and is getting live; the aim is a fast first success.', 4),
    ('buyer_stage', 'expansion', 'Expansion', 'An existing customer who could use more: more seats, more products, more teams.', 5),
    ('funnel_stage', 'inquiry', 'Inquiry', 'Someone raised a hand (a form, a download, a visit to an event) and is known by name, nothing more.', 1),
    ('funnel_stage', 'mql', 'MQL', 'Marketing qualified lead: fits the ideal customer profile and has shown enough engagement that marketing hands it to sales.', 2),
    ('funnel_stage', 'sal', 'SAL', 'Sales accepted lead: sales has reviewed the MQL, agrees it is worth working, and has committed to follow up within the agreed time.', 3),
    ('funnel_stage', 'sql', 'SQL', 'Sales qualified lead: a conversation confirmed need, authority, budget and timing; sales is actively pursuing it.', 4),
    ('funnel_stage', 'opportunity', 'Opportunity', 'A qualified deal in the CRM with an amount and a close date.', 5),
    ('funnel_stage', 'customer', 'Customer', 'The deal is won and the account pays us.', 6),
    ('persona', 'economic-buyer', 'Economic buyer', 'Signs off the budget; cares about return, risk and cost over time.', 1),
    ('persona', 'technical-evaluator', 'Technical evaluator', 'Checks that it works: architecture, security, integration, effort to run.', 2),
    ('persona', 'champion', 'Champion', 'Wants us to win inside the account and needs material to sell us internally.', 3),
    ('persona', 'end-user', 'End user', 'Will use the product every day; cares about ease and time saved.', 4),
    ('persona', 'executive-sponsor', 'Executive sponsor', 'A senior leader who owns the outcome the purchase serves.', 5),
    ('industry', 'financial-services', 'Financial services', 'Banks, insurers, asset managers and fintechs.', 1),
    ('industry', 'healthcare', 'Healthcare', 'Providers, payers and life sciences.', 2),
    ('industry', 'manufacturing', 'Manufacturing', 'Discrete and process manufacturers and their supply chains.', 3),
    ('industry', 'retail', 'Retail', 'Retailers and consumer brands, online and in store.', 4),
    ('industry', 'technology', 'Technology', 'Software, hardware and IT services companies.', 5),
    ('industry', 'public-sector', 'Public sector', 'Government, education and non-profit organisations.', 6),
    ('product', 'platform', 'Platform', 'The core product every customer buys.', 1),
    ('product', 'analytics', 'Analytics', 'The reporting and insights add-on.', 2),
    ('product', 'integrations', 'Integrations', 'Connectors to CRM, marketing automation and data tools.', 3),
    ('region', 'global', 'Global', 'Fit for use in any region.', 1),
    ('region', 'north-america', 'North America', 'United States and Canada.', 2),
    ('region', 'emea', 'EMEA', 'Europe, the Middle East and Africa.', 3),
    ('region', 'apac', 'APAC', 'Asia and the Pacific.', 4),
    ('region', 'latam', 'LATAM', 'Latin America.', 5),
    ('language', 'en', 'English', 'Written in English.', 1),
    ('language', 'de', 'German', 'Written in German.', 2),
    ('language', 'fr', 'French', 'Written in French.', 3),
    ('language', 'es', 'Spanish', 'Written in Spanish.', 4),
    ('content_type', 'case-study', 'Case study', 'A customer''s story: the problem, what they did with us and the measured result.', 1),
    ('content_type', 'battlecard', 'Battlecard', 'How we compare with one competitor and how to answer their claims. Internal only.', 2),
    ('content_type', 'deck', 'Deck', 'Slides for a meeting or a presentation.', 3),
    ('content_type', 'one-pager', 'One-pager', 'A single page that explains one thing quickly.', 4),
    ('content_type', 'roi-tool', 'ROI tool', 'A calculator or guide that puts numbers on the business case.', 5),
    ('content_type', 'whitepaper', 'Whitepaper', 'A long, in-depth paper on a topic, often technical or regulatory.', 6),
    ('content_type', 'pricing-sheet', 'Pricing sheet', 'Prices, packages and terms.', 7),
    ('content_type', 'onboarding-guide', 'Onboarding guide', 'Step-by-step help for a new customer getting live.', 8),
    ('content_type', 'video', 'Video', 'A recorded demo, webinar or customer story.', 9);
