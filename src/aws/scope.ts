/** The account and region a request acts in (the region from its signature): what every AWS resource lives under. */
export interface Scope {
  account: string;
  region: string;
}
