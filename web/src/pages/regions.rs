//! The list of regions and their pacts.

use leptos::prelude::*;
use zorgpact_contract::RegionResponse;

use crate::api::{self, ApiError};
use crate::i18n;

#[component]
pub fn RegionsPage() -> impl IntoView {
    let regions = LocalResource::new(api::list_regions);
    view! {
        <section class="regions" aria-labelledby="regions-title">
            <h2 id="regions-title">{i18n::REGIONS_TITLE}</h2>
            <Suspense fallback=|| {
                view! {
                    <p class="status" role="status">
                        {i18n::REGIONS_LOADING}
                    </p>
                }
            }>
                {move || Suspend::new(async move {
                    match regions.await {
                        Ok(list) => view! { <RegionList regions=list.items /> }.into_any(),
                        Err(error) => {
                            view! { <LoadError error on_retry=move || regions.refetch() /> }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn RegionList(regions: Vec<RegionResponse>) -> impl IntoView {
    if regions.is_empty() {
        return view! { <p class="status">{i18n::REGIONS_EMPTY}</p> }.into_any();
    }
    view! {
        <ul class="region-list">
            {regions
                .into_iter()
                .map(|region| {
                    view! {
                        <li data-region=region.code>
                            <span class="region-name">{region.name}</span>
                            <span class="pact-name">{region.pact_name}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn LoadError(error: ApiError, on_retry: impl Fn() + 'static) -> impl IntoView {
    leptos::logging::error!("loading regions failed: {error:?}");
    view! {
        <div class="error" role="alert">
            <p>
                <strong>{i18n::REGIONS_LOAD_FAILED}</strong>
                " "
                {i18n::api_error(&error)}
            </p>
            <button type="button" on:click=move |_| on_retry()>
                {i18n::RETRY}
            </button>
        </div>
    }
}
