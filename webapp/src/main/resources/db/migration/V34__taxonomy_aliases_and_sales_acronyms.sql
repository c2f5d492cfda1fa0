-- The taxonomy's words: what reps call a facet value besides its label ("CFO" and "finance director" for the persona
-- Economic buyer). Search treats a query naming a value by its label, key or an alias as asking for the assets tagged
-- with it too, and offers the value as a filter. Admins edit the aliases on the taxonomy page and through the API.
alter table taxonomy_value add column aliases text[] not null default '{}'
    check (cardinality(aliases) <= 50);

update taxonomy_value v set aliases = a.aliases::text[]
from (values
    ('buyer_stage', 'awareness', '{"top of funnel","tofu","thought leadership","early stage","educational"}'),
    ('buyer_stage', 'consideration', '{"evaluation","evaluating","middle of funnel","mofu","shortlist","comparing vendors"}'),
    ('buyer_stage', 'decision', '{"bottom of funnel","bofu","late stage","closing","negotiation","purchase decision"}'),
    ('buyer_stage', 'onboarding', '{"new customer","new customers","getting started","go-live","go live","rollout","kickoff","implementation"}'),
    ('buyer_stage', 'expansion', '{"upsell","up-sell","cross-sell","cross sell","renewal","renewals","existing customer","existing customers","account growth"}'),
    ('persona', 'economic-buyer', '{"cfo","chief financial officer","finance director","finance leader","finance leaders","head of finance","vp finance","vp of finance","finance team","budget holder","budget owner"}'),
    ('persona', 'technical-evaluator', '{"cto","cio","ciso","chief technology officer","chief information officer","chief information security officer","it security","it team","it director","it review","security team","security review","architect","solutions architect","enterprise architect","engineering team"}'),
    ('persona', 'champion', '{"internal champion","advocate","coach","sell internally","internal selling","selling internally","internal advocate"}'),
    ('persona', 'end-user', '{"end users","everyday user","everyday users","employee","employees","staff","day-to-day user"}'),
    ('persona', 'executive-sponsor', '{"ceo","coo","cro","chief executive","chief executive officer","chief revenue officer","chief operating officer","executive","executives","exec","c-suite","c-level","leadership team","board"}'),
    ('industry', 'financial-services', '{"banking","bank","banks","insurance","insurer","insurers","fintech","finserv","fsi","wealth management","credit union","asset management"}'),
    ('industry', 'healthcare', '{"health care","hospital","hospitals","health system","health systems","provider","payer","pharma","life sciences","medical","clinical"}'),
    ('industry', 'manufacturing', '{"manufacturer","manufacturers","factory","factories","industrial","plant"}'),
    ('industry', 'retail', '{"retailer","retailers","ecommerce","e-commerce","cpg","consumer goods","consumer brands","stores"}'),
    ('industry', 'technology', '{"tech","high tech","software company","saas company","it services"}'),
    ('industry', 'public-sector', '{"government","gov","public sector","federal","state and local","municipal","county","city","education","non-profit","nonprofit"}'),
    ('product', 'analytics', '{"dashboards","insights","reporting add-on"}'),
    ('product', 'integrations', '{"connectors","connector","integration"}'),
    ('region', 'global', '{"worldwide","international"}'),
    ('region', 'north-america', '{"united states","usa","canada","amer"}'),
    ('region', 'emea', '{"europe","european","eu","european union","uk","united kingdom","germany","france","middle east","africa"}'),
    ('region', 'apac', '{"asia","asia pacific","australia","japan","singapore","india"}'),
    ('region', 'latam', '{"latin america","south america","brazil","mexico"}'),
    ('language', 'en', '{"english language"}'),
    ('language', 'de', '{"deutsch"}'),
    ('language', 'fr', '{"francais","français"}'),
    ('language', 'es', '{"espanol","español"}'),
    ('content_type', 'case-study', '{"case studies","customer story","customer stories","success story","success stories","reference story","testimonial","proof point"}'),
    ('content_type', 'battlecard', '{"battle card","battlecards","competitive","competitor","competitors","competition","kill sheet","versus"}'),
    ('content_type', 'deck', '{"slides","slide deck","presentation","powerpoint","ppt"}'),
    ('content_type', 'one-pager', '{"one pager","onepager","fact sheet","datasheet","data sheet","solution brief","flyer","leave-behind"}'),
    ('content_type', 'roi-tool', '{"roi","tco","business case","roi calculator","value calculator","calculator","cost justification","payback"}'),
    ('content_type', 'whitepaper', '{"white paper","ebook","e-book","research paper"}'),
    ('content_type', 'pricing-sheet', '{"price list","price sheet","pricing","prices","rate card","price book","pricebook"}'),
    ('content_type', 'onboarding-guide', '{"getting started guide","setup guide","set-up guide","quick start","quickstart","user guide","admin guide","installation guide","training"}'),
    ('content_type', 'video', '{"webinar","webinar recording","recording","demo video","webcast"}')
) as a (facet_key, key, aliases)
where v.facet_key = a.facet_key and v.key = a.key and v.aliases = '{}';

-- Generic sales, legal and security acronyms with their expansions (both directions), after the groups an admin has;
-- a group is left out when one of its terms is in a group already.
insert into search_synonym (position, terms, updated_by)
select (select coalesce(max(position), 0) from search_synonym) + n, terms, 'baton'
from (values
    (1, '{sso,"single sign-on","single sign on"}'::text[]),
    (2, '{mfa,"multi-factor authentication","multifactor authentication","two-factor authentication",2fa}'),
    (3, '{sla,"service level agreement"}'),
    (4, '{dpa,"data processing agreement","data processing addendum"}'),
    (5, '{baa,"business associate agreement"}'),
    (6, '{msa,"master services agreement","master service agreement"}'),
    (7, '{nda,"non-disclosure agreement","confidentiality agreement"}'),
    (8, '{sow,"statement of work"}'),
    (9, '{rfi,"request for information"}'),
    (10, '{rfq,"request for quote","request for quotation"}'),
    (11, '{"soc 2",soc2,"soc ii"}'),
    (12, '{pii,"personally identifiable information","personal data"}'),
    (13, '{phi,"protected health information"}'),
    (14, '{gdpr,"general data protection regulation"}'),
    (15, '{ccpa,"california consumer privacy act"}'),
    (16, '{rto,"recovery time objective"}'),
    (17, '{rpo,"recovery point objective"}'),
    (18, '{rbac,"role-based access control"}'),
    (19, '{crm,"customer relationship management"}'),
    (20, '{erp,"enterprise resource planning"}'),
    (21, '{arr,"annual recurring revenue"}'),
    (22, '{mrr,"monthly recurring revenue"}'),
    (23, '{acv,"annual contract value"}'),
    (24, '{tcv,"total contract value"}'),
    (25, '{cac,"customer acquisition cost"}'),
    (26, '{ltv,clv,"lifetime value","customer lifetime value"}'),
    (27, '{nps,"net promoter score"}'),
    (28, '{kpi,"key performance indicator"}'),
    (29, '{okr,"objectives and key results"}'),
    (30, '{icp,"ideal customer profile"}'),
    (31, '{gtm,"go-to-market","go to market"}'),
    (32, '{smb,"small and medium business","small business"}'),
    (33, '{ebr,"executive business review"}'),
    (34, '{map,"mutual action plan"}'),
    (35, '{csm,"customer success manager"}'),
    (36, '{sdr,"sales development representative"}'),
    (37, '{bdr,"business development representative"}'),
    (38, '{pov,"proof of value"}'),
    (39, '{eol,"end of life"}'),
    (40, '{faq,"frequently asked questions"}'),
    (41, '{yoy,"year over year"}'),
    (42, '{revops,"revenue operations","rev ops"}'),
    (43, '{sfdc,salesforce}'),
    (44, '{"pen test",pentest,"penetration test"}'),
    (45, '{uptime,availability}'),
    (46, '{eu,"european union"}')
) as d (n, terms)
where not exists (select 1 from search_synonym s where s.terms && d.terms);
