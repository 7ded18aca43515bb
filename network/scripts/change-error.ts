/** A change that does not fit the channel as it is (an org added twice, a setting already in force). */
export class ChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
