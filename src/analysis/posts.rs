//! The posts the State funds (FONJEP, adultes-relais): which a question is
//! about, and what they add up to. A post is never an action: its amount is
//! counted here, apart from the actions' funding, so that nothing is counted
//! twice; the State's row of a coverage by funder and the report's means show
//! it beside the actions' funding.

use crate::analysis::filter::Filter;
use crate::analysis::known::Known;
use crate::model::{Contract, Money, Post, PostKind};

/// Whether a filter selects a post: its years, quartiers and porteurs
/// apply; a filter on the tree, publics or tags selects actions only, and a
/// funder filter keeps posts only for the State (`etat`), which funds them.
pub fn selects(contract: &Contract, filter: &Filter, post: &Post) -> bool {
    if !filter.scopes.is_empty() || !filter.publics.is_empty() || !filter.tags.is_empty() {
        return false;
    }
    if !filter.funders.is_empty()
        && !filter
            .funders
            .iter()
            .any(|f| f == crate::analysis::report::STATE_FUNDER)
    {
        return false;
    }
    if let Some(years) = &filter.years
        && !years.contains(*post.year)
    {
        return false;
    }
    if !filter.quartiers.is_empty() {
        let Some(found) = post.quartier.as_ref().and_then(|q| contract.quartier(q)) else {
            return false;
        };
        if !filter
            .quartiers
            .iter()
            .any(|&i| std::ptr::eq(&contract.quartiers[i], found))
        {
            return false;
        }
    }
    if !filter.porteurs.is_empty() {
        let name = crate::fold::fold(&contract.porteur_name(&post.porteur));
        let written = crate::fold::fold(&post.porteur);
        if !filter
            .porteurs
            .iter()
            .any(|p| name.contains(p.as_str()) || written.contains(p.as_str()))
        {
            return false;
        }
    }
    true
}

/// How many posts, and their amount as far as stated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PostFigures {
    pub posts: usize,
    pub amount: Known<Money>,
}

impl PostFigures {
    pub fn add(&mut self, post: &Post) {
        self.posts += 1;
        self.amount.add(post.amount.as_ref().map(|a| a.value));
    }
}

impl serde::Serialize for PostFigures {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("posts", &self.posts)?;
        map.serialize_entry("amount", &self.amount)?;
        map.serialize_entry("amount_known", &self.amount.known)?;
        map.end()
    }
}

/// The posts a filter selects, in the order of the contract file, with
/// their figures in all and by kind.
#[derive(Clone, Debug, Default)]
pub struct Posts<'c> {
    pub list: Vec<&'c Post>,
    pub total: PostFigures,
    /// Each kind, in the order of [`PostKind::ALL`].
    pub by_kind: Vec<(PostKind, PostFigures)>,
}

pub fn posts<'c>(contract: &'c Contract, filter: &Filter, kinds: &[PostKind]) -> Posts<'c> {
    let mut out = Posts {
        by_kind: PostKind::ALL
            .iter()
            .map(|&k| (k, PostFigures::default()))
            .collect(),
        ..Posts::default()
    };
    let mut list: Vec<&Post> = contract
        .posts
        .iter()
        .filter(|p| kinds.is_empty() || kinds.contains(&p.kind))
        .filter(|p| selects(contract, filter, p))
        .collect();
    list.sort_by(|a, b| (*a.year, a.kind, &*a.number).cmp(&(*b.year, b.kind, &*b.number)));
    for post in &list {
        out.total.add(post);
        if let Some((_, figures)) = out.by_kind.iter_mut().find(|(k, _)| *k == post.kind) {
            figures.add(post);
        }
    }
    out.list = list;
    out
}

/// The figures of the posts a filter selects, in one year or all.
pub fn figures(contract: &Contract, filter: &Filter, year: Option<u16>) -> PostFigures {
    let mut figures = PostFigures::default();
    for post in &contract.posts {
        if year.is_none_or(|y| *post.year == y) && selects(contract, filter, post) {
            figures.add(post);
        }
    }
    figures
}
