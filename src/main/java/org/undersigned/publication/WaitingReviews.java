package org.undersigned.publication;

import org.springframework.stereotype.Component;
import org.undersigned.letter.ReviewQueue;

/** Tells the dashboard how many letters wait for an administrator's review. */
@Component
class WaitingReviews implements ReviewQueue {

    private final PublicationReview review;

    WaitingReviews(PublicationReview review) {
        this.review = review;
    }

    @Override
    public int waiting() {
        return review.waitingCount();
    }

    @Override
    public String route() {
        return "admin/reviews";
    }
}
